# JSON as "path<TAB>value" lines (.data[0].id<TAB>...), for the shell scripts that read an API answer (google
# verify-allowlist.sh, the mimecast API script): one reader, included in each script as the start of its awk
# program, which adds its own main rule and END; each script holds the program in single quotes, so none in here.
# Strings: \n, \t and \r as spaces, a \u of printable ASCII decoded, any other \u kept as written. Empty objects
# and lists as {} and []; "bad" set on anything else. The list at the path in "numbered" (where the caller sets it)
# is numbered on from "base", and "added" counts its items, so that documents (pages) read one after another
# number their items as one list. POSIX awk only: no "^" operator (BusyBox awk without its maths library stops at
# it), recursion through function parameters as locals.
function skip() { while (pos <= len && index(" \t\r\n", substr(s, pos, 1))) pos++ }
function emit(path, v) { gsub(/[\t\r\n]/, " ", path); gsub(/[\t\r\n]/, " ", v); print path "\t" v }
function hex(h,   i, d, n) {
	n = 0
	for (i = 1; i <= 4; i++) {
		d = index("0123456789abcdef", tolower(substr(h, i, 1))) - 1
		if (d < 0) { bad = 1; return 0 }
		n = n * 16 + d
	}
	return n
}
function str(   out, c, e, n) {
	pos++; out = ""
	while (pos <= len) {
		c = substr(s, pos, 1)
		if (c == "\"") { pos++; return out }
		if (c == "\\") {
			e = substr(s, pos + 1, 1); pos += 2
			if (e == "u") {
				# Printable ASCII decoded (some servers write "=" as \u003d); anything else kept as written.
				n = hex(substr(s, pos, 4))
				out = out ((n >= 32 && n < 127) ? sprintf("%c", n) : "\\u" substr(s, pos, 4)); pos += 4
			} else if (e == "n" || e == "t" || e == "r") out = out " "; else out = out e
			continue
		}
		out = out c; pos++
	}
	bad = 1; return out
}
function value(path,   c, k, key) {
	skip(); c = substr(s, pos, 1)
	if (c == "{") {
		pos++; skip()
		if (substr(s, pos, 1) == "}") { pos++; emit(path, "{}"); return }
		while (pos <= len) {
			skip()
			if (substr(s, pos, 1) != "\"") { bad = 1; return }
			key = str(); skip()
			if (substr(s, pos, 1) != ":") { bad = 1; return }
			pos++
			value(path "." key)
			if (bad) return
			skip(); c = substr(s, pos, 1); pos++
			if (c == "}") return
			if (c != ",") { bad = 1; return }
		}
		bad = 1; return
	}
	if (c == "[") {
		pos++; skip(); k = 0
		if (substr(s, pos, 1) == "]") { pos++; emit(path, "[]"); return }
		while (pos <= len) {
			value(path "[" (path == numbered ? base + k : k) "]")
			if (bad) return
			k++; skip(); c = substr(s, pos, 1); pos++
			if (c == "]") { if (path == numbered) added = k; return }
			if (c != ",") { bad = 1; return }
		}
		bad = 1; return
	}
	if (c == "\"") { emit(path, str()); return }
	if (match(substr(s, pos, 40), /^(true|false|null|-?[0-9][0-9.eE+-]*)/)) { emit(path, substr(s, pos, RLENGTH)); pos += RLENGTH; return }
	bad = 1
}
