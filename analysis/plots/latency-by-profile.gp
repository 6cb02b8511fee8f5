# Median per-op latency of one matrix entry in every profile, with the p99 as
# the top of the error bar. Log scale: dma-direct and swiotlb differ by 100x.
# gnuplot -e "data='x.dat'; out='x'; title='...'" latency-by-profile.gp
# data columns: profile op p50_ns p99_ns (one row per profile and op; op is
# entry/op where the plot compares entries)
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
set xtics noenhanced rotate by -20
# Comment lines ("# title: ...") are not rows.
ops = system("awk '!/^#/ {print $2}' " . data . " | awk '!seen[$0]++'")
do for [fmt in "png svg"] {
	if (fmt eq "png") { set terminal pngcairo size 900,500 noenhanced } else { set terminal svg size 900,500 noenhanced }
	set output out . "." . fmt
	plot for [i=1:words(ops)] "< awk -v op=" . word(ops, i) . " '!/^#/ && $2 == op' " . data \
		using 3:3:4:xtic(1) title word(ops, i)
}
