# Edits a Postfix list value (comma or space separated) without reformatting the admin's entries.
#   edit VALUE front TEXT        TEXT first
#   edit VALUE after WORD TEXT   TEXT just after the first WORD (unchanged when WORD is absent)
#   edit VALUE remove TEXT       every TEXT removed
edit() {
	printf '%s\n' "$1" | awk -v mode="$2" -v a="$3" -v b="${4:-}" '
	function delim(c) { return c == "" || c == " " || c == "," || c == "\t" }
	function find(s, w,   i, off) {
		off = 0
		while ((i = index(substr(s, off + 1), w)) > 0) {
			i += off
			if ((i == 1 || delim(substr(s, i - 1, 1))) && delim(substr(s, i + length(w), 1))) return i
			off = i
		}
		return 0
	}
	{ v = v (NR > 1 ? " " : "") $0 }
	END {
		if (mode == "front") { print (v ~ /^[ \t,]*$/ ? a : a ", " v); exit }
		if (mode == "after") {
			i = find(v, a)
			if (i == 0) { print v; exit }
			e = i + length(a) - 1
			print substr(v, 1, e) ", " b substr(v, e + 1); exit
		}
		while ((i = find(v, a)) > 0) {
			pre = substr(v, 1, i - 1); post = substr(v, i + length(a))
			sub(/^[ \t,]+/, "", post)
			if (post == "") sub(/[ \t,]+$/, "", pre)
			v = pre post
		}
		print v
	}'
}
