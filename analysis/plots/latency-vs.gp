# A scale= series of the matrix: the sum of its ops' p50 against buffer size
# or thread count, one line per profile (data from dmabench report
# --data-only: scale-size-SERIES.dat, scale-threads-SERIES.dat; blocks
# headed "#title PROFILE", columns x p50_ns).
# gnuplot -e "data='scale-size-S.dat'; out='x'; title='...'; xlabel='...'" latency-vs.gp
if (!exists("data") || !exists("out")) { print "set data= and out="; exit status 2 }
if (!exists("title")) title = data
if (!exists("xlabel")) xlabel = "x"
titles = system("sed -n 's/^#title //p' " . data)
set datafile separator whitespace
set logscale xy
set xlabel xlabel noenhanced
set ylabel "sum of the ops' p50, ns (log)"
set title title noenhanced
set key outside right noenhanced
set grid
do for [fmt in "png svg"] {
	if (fmt eq "png") { set terminal pngcairo size 900,500 noenhanced } else { set terminal svg size 900,500 noenhanced }
	set output out . "." . fmt
	plot for [i=1:words(titles)] data index (i-1) using 1:2 with linespoints lw 2 title word(titles, i)
}
