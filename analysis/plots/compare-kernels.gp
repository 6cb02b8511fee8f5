# One kernel against the baseline kernel (analysis/plot-compare-kernels):
# a bar per profile/entry/op at the % change of METRIC, the error bar the
# 95 % interval of the difference; significant changes (Mann-Whitney U,
# alpha 0.05) in their own colour, the rest read as no finding.
# data columns (tab separated): label change_pct lo_pct hi_pct significant
if (!exists("data") || !exists("out")) { print "set data= and out="; exit status 2 }
if (!exists("title")) title = data
if (!exists("metric")) metric = "p50_ns"
if (!exists("cmd")) cmd = ""
set datafile separator "\t"
set style fill solid 0.6 border -1
set boxwidth 0.7
set ylabel "change of " . metric . " against the baseline kernel, %" noenhanced
set title title noenhanced
set key outside top center horizontal noenhanced
set grid ytics
set xzeroaxis lt -1
set xtics noenhanced rotate by -40 font ",8"
set bmargin 14
set rmargin 12
set label 1 "regenerate: " . cmd at screen 0.01, screen 0.02 font ",8" noenhanced
do for [fmt in "png svg"] {
	if (fmt eq "png") { set terminal pngcairo size 1200,600 noenhanced } else { set terminal svg size 1200,600 noenhanced }
	set output out . "." . fmt
	plot data using 0:($5 == 1 ? $2 : 1/0):xtic(1) with boxes lc rgb "#c0392b" title "significant (p < 0.05)", \
	     '' using 0:($5 == 1 ? 1/0 : $2) with boxes lc rgb "#95a5a6" title "not significant: no finding", \
	     '' using 0:2:3:4 with yerrorbars lc rgb "black" pt -1 title "95 % interval of the difference", \
	     '' using 0:(0) with points pt -1 notitle	# bars start at 0: keep it in range
}
