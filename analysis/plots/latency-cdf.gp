# Latency CDF of one matrix entry: one step curve per profile and op, from
# the merged histograms (dmabench report --data-only writes the data).
# gnuplot -e "data='cdf-x.dat'; out='x'; title='...'" latency-cdf.gp
# data: blocks separated by two blank lines, each headed "#title profile/op",
# columns upper_ns cumulative_fraction (the bucket's exclusive upper bound).
if (!exists("data") || !exists("out")) { print "set data= and out="; exit status 2 }
if (!exists("title")) title = data
titles = system("sed -n 's/^#title //p' " . data)
set datafile separator whitespace
set logscale x
set xlabel "latency, ns (log; histogram bucket upper bound, within 1/64)"
set ylabel "fraction of samples below"
set yrange [0:1.02]
set title title noenhanced
set key outside right noenhanced
set grid
do for [fmt in "png svg"] {
	if (fmt eq "png") { set terminal pngcairo size 900,500 noenhanced } else { set terminal svg size 900,500 noenhanced }
	set output out . "." . fmt
	plot for [i=1:words(titles)] data index (i-1) using 1:2 with steps lw 2 title word(titles, i)
}
