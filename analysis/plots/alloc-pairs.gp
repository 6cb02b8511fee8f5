# Old entry point vs its attribute form (dmabench pairs, same boot): bar at
# p50, error bar p50..p99, per pair and op. Data from dmabench report.
# gnuplot -e "data='pairs-x.dat'; out='x'; title='...'" alloc-pairs.gp
# data columns: label old_p50_ns old_p90_ns old_p99_ns attr_p50_ns attr_p90_ns attr_p99_ns
if (!exists("data") || !exists("out")) { print "set data= and out="; exit status 2 }
if (!exists("title")) title = data
set datafile separator whitespace
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.6 border -1
set logscale y
set ylabel "latency, ns (bar: p50, error bar: p50..p99)"
set title title noenhanced
set key top left noenhanced
set grid ytics
set xtics noenhanced rotate by -30 font ",8"
set rmargin 14
set bmargin 12
do for [fmt in "png svg"] {
	if (fmt eq "png") { set terminal pngcairo size 1100,550 noenhanced } else { set terminal svg size 1100,550 noenhanced }
	set output out . "." . fmt
	plot data using 2:2:4:xtic(1) title "old entry point", \
	     '' using 5:5:7 title "attribute form"
}
