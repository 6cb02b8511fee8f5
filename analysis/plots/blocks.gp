# Step curves from a data file of blocks (separated by two blank lines, each
# headed "#title NAME"), columns x y: one curve per block.
# gnuplot -e "data='x.dat'; out='x'; title='...'; xlabel='...'; ylabel='...'; logx=1" blocks.gp
if (!exists("data") || !exists("out")) { print "set data= and out="; exit status 2 }
if (!exists("title")) title = data
if (!exists("xlabel")) xlabel = "x"
if (!exists("ylabel")) ylabel = "y"
if (!exists("logx")) logx = 0
titles = system("sed -n 's/^#title //p' " . data)
set datafile separator whitespace
if (logx) { set logscale x }
set xlabel xlabel noenhanced
set ylabel ylabel noenhanced
set title title noenhanced
set key outside right noenhanced
set grid
do for [fmt in "png svg"] {
	if (fmt eq "png") { set terminal pngcairo size 900,500 noenhanced } else { set terminal svg size 900,500 noenhanced }
	set output out . "." . fmt
	plot for [i=1:words(titles)] data index (i-1) using 1:2 with steps lw 2 title word(titles, i)
}
