# "URI SUITE" of every enabled deb stanza of a deb822 .sources file (apt's
# sources.list(5) format): stanzas split by blank lines, fields may continue
# on indented lines, comments start with #.
function flush(    n, m, i, j, u, s) {
	if (types ~ /(^|[ \t])deb([ \t]|$)/ && tolower(enabled) != "no") {
		n = split(uris, u, /[ \t]+/)
		m = split(suites, s, /[ \t]+/)
		for (i = 1; i <= n; i++)
			for (j = 1; j <= m; j++)
				if (u[i] != "" && s[j] != "")
					print u[i], s[j]
	}
	types = uris = suites = enabled = key = ""
}
/^#/ { next }
/^[ \t]*$/ { flush(); next }
/^[ \t]/ {
	if (key == "uris") uris = uris " " $0
	else if (key == "suites") suites = suites " " $0
	else if (key == "types") types = types " " $0
	next
}
{
	key = tolower(substr($0, 1, index($0, ":") - 1))
	value = substr($0, index($0, ":") + 1)
	gsub(/^[ \t]+|[ \t]+$/, "", value)
	if (key == "types") types = value
	else if (key == "uris") uris = value
	else if (key == "suites") suites = value
	else if (key == "enabled") enabled = value
}
END { flush() }
