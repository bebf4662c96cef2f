// Test-only helper: parses PowerShell files with the real tree-sitter PowerShell grammar (wasm, run by
// web-tree-sitter, no native build) and prints, per file, every syntax error and every command with its
// parameters and argument values, one record a line, for the JUnit suite (PowerShellParser.java) to check.
//
//   node parse-powershell.mjs FILE...
//
// Records (tab-separated; '\', tab and newline inside a field are written \\, \t, \n):
//   FILE  path
//   ERROR line:column  kind  text        an ERROR or MISSING node: the file does not parse
//   FUNC  name  param...                 a function defined in the file and its parameter names
//   CMD   line  function  name  guard    a command call (function: the enclosing function, or '-'; guard:
//                                        'should-process' inside an if ($PSCmdlet.ShouldProcess(...)) block, else '-')
//   COND  text                           one per if / elseif whose then-block encloses the command (innermost
//                                        first): the condition's text; right after its CMD
//   ARG   parameter  kind  value...      its arguments in order (parameter '-' for a positional one)
// kinds: string (single-quoted), expandable (double-quoted), int, bool, variable, bareword, array,
//        hashtable (values 'Key=value'), switch (a parameter with no value), expression
import { Parser, Language } from 'web-tree-sitter';
import { createRequire } from 'node:module';
import { readFileSync, writeSync } from 'node:fs';

const require = createRequire(import.meta.url);
await Parser.init();
const language = await Language.load(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'));
const parser = new Parser();
parser.setLanguage(language);

const out = [];
const field = (s) => String(s).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r?\n/g, '\\n');
const emit = (...fields) => out.push(fields.map(field).join('\t'));
const QUOTE = /['\u2018-\u201b]/;

function verbatim(text) {
    // A single-quoted string: drop the outer quotes, and each doubled quote stands for one.
    const inner = text.slice(1, -1);
    let value = '';
    for (let i = 0; i < inner.length; i++) {
        value += inner[i];
        if (QUOTE.test(inner[i]) && i + 1 < inner.length && QUOTE.test(inner[i + 1])) {
            i++;
        }
    }
    return value;
}

// Reduces an argument node to a kind and its values, looking through the grammar's wrapper nodes.
function simplify(node) {
    const named = node.namedChildren;
    switch (node.type) {
        case 'string_literal': {
            const child = named[0];
            if (child && child.type === 'verbatim_string_characters') return { kind: 'string', values: [verbatim(child.text)] };
            return { kind: node.text.startsWith("'") ? 'string' : 'expandable', values: [node.text.startsWith("'") ? verbatim(node.text) : node.text] };
        }
        case 'integer_literal':
            return { kind: 'int', values: [node.text] };
        case 'variable': {
            const lower = node.text.toLowerCase();
            if (lower === '$true' || lower === '$false') return { kind: 'bool', values: [lower] };
            return { kind: 'variable', values: [node.text] };
        }
        case 'generic_token':
            return { kind: 'bareword', values: [node.text] };
        case 'expression_with_unary_operator': {
            if (node.text.startsWith('-') && named.length === 1) {
                const inner = simplify(named[0]);
                if (inner.kind === 'int') return { kind: 'int', values: ['-' + inner.values[0]] };
            }
            return { kind: 'expression', values: [node.text] };
        }
        case 'array_literal_expression': {
            if (named.length === 1) return simplify(named[0]);
            const items = named.map(simplify);
            return { kind: items.every(i => i.kind === 'string') ? 'array' : 'expression', values: items.flatMap(i => i.values) };
        }
        case 'array_expression': {
            // @( ... ): an array of whatever the inner statements yield.
            const inner = named.length ? simplify(named[0]) : { kind: 'array', values: [] };
            return { kind: inner.kind === 'string' || inner.kind === 'array' ? 'array' : 'expression', values: inner.values };
        }
        case 'hash_literal_expression': {
            const values = [];
            for (const entry of node.descendantsOfType('hash_entry')) {
                const key = entry.namedChildren[0].text;
                const value = simplify(entry.namedChildren[1]);
                value.values.forEach(v => values.push(key + '=' + v));
                if (value.kind !== 'string' && value.kind !== 'array') values.push(key + '=<' + value.kind + '>');
            }
            return { kind: 'hashtable', values };
        }
        default:
            if (named.length === 1 && node.text === named[0].text) return simplify(named[0]);
            return { kind: 'expression', values: [node.text] };
    }
}

// Whether the command runs only when an enclosing if / elseif condition called $PSCmdlet.ShouldProcess (-WhatIf).
function guard(node) {
    for (let n = node.parent; n; n = n.parent) {
        const parent = n.parent;
        if (n.type === 'statement_block' && parent && (parent.type === 'if_statement' || parent.type === 'elseif_clause')) {
            const condition = parent.childForFieldName('condition');
            if (condition && /\$PSCmdlet\.ShouldProcess\(/i.test(condition.text)) return 'should-process';
        }
    }
    return '-';
}

// The conditions of the if / elseif clauses whose then-block encloses the node, innermost first.
function conditions(node) {
    const texts = [];
    for (let n = node.parent; n; n = n.parent) {
        const parent = n.parent;
        if (n.type === 'statement_block' && parent && (parent.type === 'if_statement' || parent.type === 'elseif_clause')) {
            const condition = parent.childForFieldName('condition');
            if (condition) texts.push(condition.text);
        }
    }
    return texts;
}

function enclosingFunction(node) {
    for (let n = node.parent; n; n = n.parent) {
        if (n.type === 'function_statement') {
            const name = n.namedChildren.find(c => c.type === 'function_name');
            return name ? name.text : '?';
        }
    }
    return '-';
}

for (const path of process.argv.slice(2)) {
    emit('FILE', path);
    const tree = parser.parse(readFileSync(path, 'utf8'));
    // One cursor walk (creating a Node object per child is slow in web-tree-sitter); only error nodes are materialised.
    if (tree.rootNode.hasError) {
        const cursor = tree.walk();
        for (let done = false; !done;) {
            if (cursor.nodeType === 'ERROR' || cursor.nodeIsMissing) {
                const node = cursor.currentNode;
                emit('ERROR', (node.startPosition.row + 1) + ':' + (node.startPosition.column + 1),
                    node.isMissing ? 'MISSING ' + node.type : 'ERROR', node.text.slice(0, 80));
            }
            if (cursor.gotoFirstChild()) continue;
            while (!cursor.gotoNextSibling()) {
                if (!cursor.gotoParent()) { done = true; break; }
            }
        }
    }
    for (const fn of tree.rootNode.descendantsOfType('function_statement')) {
        const name = fn.namedChildren.find(c => c.type === 'function_name');
        const params = fn.descendantsOfType('script_parameter').map(p => p.namedChildren.find(c => c.type === 'variable')?.text.replace(/^\$/, '') ?? '?');
        emit('FUNC', name ? name.text : '?', ...params);
    }
    for (const command of tree.rootNode.descendantsOfType('command')) {
        const name = command.childForFieldName('command_name');
        if (!name) continue;
        emit('CMD', command.startPosition.row + 1, enclosingFunction(command), name.text, guard(command));
        for (const text of conditions(command)) emit('COND', text);
        const elements = command.childForFieldName('command_elements');
        if (!elements) continue;
        const parts = elements.namedChildren.filter(c => c.type !== 'command_argument_sep' && c.type !== 'comment');
        for (let i = 0; i < parts.length; i++) {
            const part = parts[i];
            if (part.type === 'command_parameter') {
                const text = part.text;
                const colon = text.endsWith(':');
                const next = parts[i + 1];
                if (next && next.type !== 'command_parameter' && (colon || true)) {
                    const value = simplify(next);
                    emit('ARG', text.replace(/^-/, '').replace(/:$/, ''), value.kind, ...value.values);
                    i++;
                } else {
                    emit('ARG', text.replace(/^-/, ''), 'switch');
                }
            } else {
                const value = simplify(part);
                emit('ARG', '-', value.kind, ...value.values);
            }
        }
    }
    emit('END');
}
// Exit at once rather than let node tear down the wasm runtime at leisure.
writeSync(1, out.join('\n') + '\n');
process.exit(0);
