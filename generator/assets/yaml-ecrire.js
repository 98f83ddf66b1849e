/* Écriture YAML des fiches, portage exact de generator/load/yaml_writer.py (émetteur de PyYAML
 * configuré à notre style) : mêmes clés dans le même ordre, mêmes guillemets, mêmes blocs « | ».
 * Testé octet pour octet contre l'écrivain Python (tests/test_proposer_yaml.py, via Node).
 * Utilisable dans le navigateur (window.ProposerYaml) et dans Node (module.exports). */
(function (root) {
  "use strict";

  var BREAKS = "\n\x85\u2028\u2029";
  var WHITESPACE = "\0 \t\r\n\x85\u2028\u2029";
  var INDICATORS = "[]{}:?#&*!|>'\"%@`,";
  var OTHER_BREAKS = ["\r", "\x85", "\u2028", "\u2029"];
  var ESCAPES = {
    "\0": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0B": "v", "\x0C": "f",
    "\r": "r", "\x1B": "e", "\"": "\"", "\\": "\\", "\x85": "N", "\xA0": "_",
    "\u2028": "L", "\u2029": "P"
  };
  // Python's « re.match(r'^…$') » also matches before a final line break: hence « \n? ».
  function anchored(body) { return new RegExp("^(?:" + body + ")\\n?$"); }
  // Implicit resolvers of PyYAML's SafeDumper, plus our own (_LOOKS_TYPED), by first character.
  var RESOLVERS = [
    ["yYnNtTfFoO", anchored("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF")],
    ["-+0123456789.", anchored("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?" +
      "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)")],
    ["-+0123456789", anchored("[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+" +
      "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+")],
    ["<", anchored("<<")],
    ["~nN", anchored("~|null|Null|NULL|")],
    ["0123456789", anchored("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?" +
      "(?:[Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?")],
    ["=", anchored("=")],
    ["!&*", anchored("!|&|\\*")],
    ["-+.0123456789yYnN", anchored("[-+]?(?:[0-9][0-9_:]*(?:\\.[0-9_]*)?|\\.[0-9_]+)(?:[eE][-+]?[0-9]+)?" +
      "|0o[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+|[-+]?\\.(?:inf|Inf|INF|nan|NaN|NAN)|[yYnN]")]
  ];

  function resolvesToString(value) {
    var first = value === "" ? "" : value.charAt(0);
    for (var i = 0; i < RESOLVERS.length; i++) {
      var starts = RESOLVERS[i][0];
      var applies = first === "" ? starts === "~nN" : starts.indexOf(first) >= 0;
      if (applies && RESOLVERS[i][1].test(value)) return false;
    }
    return true;
  }

  function isUnicodePrintable(code) {
    return code === 0x85 || (code >= 0xA0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0xFFFD) ||
      (code >= 0x10000 && code < 0x10FFFF);
  }

  // PyYAML's Emitter.analyze_scalar (allow_unicode=True), on code points, with our indicator rule.
  function analyze(scalar) {
    var chars = Array.from(scalar);
    if (chars.length === 0) {
      return { empty: true, multiline: false, plain: false, single: true, block: false };
    }
    var blockIndicators = false, lineBreaks = false, special = false;
    var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
    var breakSpace = false, spaceBreak = false;
    if (scalar.indexOf("---") === 0 || scalar.indexOf("...") === 0) blockIndicators = true;
    var precededByWhitespace = true;
    var followedByWhitespace = chars.length === 1 || WHITESPACE.indexOf(chars[1]) >= 0;
    var previousSpace = false, previousBreak = false;
    for (var index = 0; index < chars.length; index++) {
      var ch = chars[index];
      if (index === 0) {
        if ("#,[]{}&*!|>'\"%@`".indexOf(ch) >= 0) blockIndicators = true;
        if ((ch === "?" || ch === ":") && followedByWhitespace) blockIndicators = true;
        if (ch === "-" && followedByWhitespace) blockIndicators = true;
      } else {
        if (ch === ":" && followedByWhitespace) blockIndicators = true;
        if (ch === "#" && precededByWhitespace) blockIndicators = true;
      }
      var isBreak = BREAKS.indexOf(ch) >= 0;
      if (isBreak) lineBreaks = true;
      var code = ch.codePointAt(0);
      if (!(ch === "\n" || (code >= 0x20 && code <= 0x7E))) {
        if (!(isUnicodePrintable(code) && code !== 0xFEFF)) special = true;
      }
      if (ch === " ") {
        if (index === 0) leadingSpace = true;
        if (index === chars.length - 1) trailingSpace = true;
        if (previousBreak) breakSpace = true;
        previousSpace = true; previousBreak = false;
      } else if (isBreak) {
        if (index === 0) leadingBreak = true;
        if (index === chars.length - 1) trailingBreak = true;
        if (previousSpace) spaceBreak = true;
        previousSpace = false; previousBreak = true;
      } else {
        previousSpace = false; previousBreak = false;
      }
      precededByWhitespace = WHITESPACE.indexOf(ch) >= 0;
      followedByWhitespace = index + 2 >= chars.length || WHITESPACE.indexOf(chars[index + 2]) >= 0;
    }
    var plain = true, single = true, block = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) plain = false;
    if (trailingSpace) block = false;
    if (breakSpace) { plain = false; single = false; }
    if (spaceBreak || special) { plain = false; single = false; block = false; }
    if (lineBreaks) plain = false;
    if (blockIndicators) plain = false;
    if (INDICATORS.indexOf(chars[0]) >= 0) plain = false;
    return { empty: false, multiline: lineBreaks, plain: plain, single: single, block: block };
  }

  function wantsBlock(value) {
    var trimmed = value.replace(/\n+$/, "");
    if (trimmed.indexOf("\n") < 0 || /\n\n$/.test(value)) return false;
    for (var i = 0; i < OTHER_BREAKS.length; i++) if (value.indexOf(OTHER_BREAKS[i]) >= 0) return false;
    return true;
  }

  function chooseStyle(value, simpleKey) {
    var analysis = analyze(value);
    var requested = !simpleKey && wantsBlock(value) ? "|" : "";
    if (!requested && resolvesToString(value)) {
      if (!(simpleKey && (analysis.empty || analysis.multiline)) && analysis.plain) return "";
    }
    if (requested === "|" && !simpleKey && analysis.block) return "|";
    if (!requested && analysis.single && !(simpleKey && analysis.multiline)) {
      var astral = Array.from(value).some(function (c) { return c.codePointAt(0) > 0xFFFF; });
      return astral && !analysis.multiline ? "'" : "\"";
    }
    return "\"";
  }

  function hex(code, width) {
    var text = code.toString(16).toUpperCase();
    while (text.length < width) text = "0" + text;
    return text;
  }

  function doubleQuoted(value) {
    var out = "\"";
    Array.from(value).forEach(function (ch) {
      var code = ch.codePointAt(0);
      var printable = (code >= 0x20 && code <= 0x7E) || (code >= 0xA0 && code <= 0xD7FF) || (code >= 0xE000 && code <= 0xFFFD);
      if ("\"\\\x85\u2028\u2029\uFEFF".indexOf(ch) >= 0 || !printable) {
        if (Object.prototype.hasOwnProperty.call(ESCAPES, ch)) out += "\\" + ESCAPES[ch];
        else if (code <= 0xFF) out += "\\x" + hex(code, 2);
        else if (code <= 0xFFFF) out += "\\u" + hex(code, 4);
        else out += "\\U" + hex(code, 8);
      } else {
        out += ch;
      }
    });
    return out + "\"";
  }

  function literal(value, indent) {
    var hints = "";
    if (" \n\x85\u2028\u2029".indexOf(value.charAt(0)) >= 0) hints += "2";
    var last = value.charAt(value.length - 1);
    if (BREAKS.indexOf(last) < 0) hints += "-";
    else if (value.length === 1 || BREAKS.indexOf(value.charAt(value.length - 2)) >= 0) hints += "+";
    var pad = new Array(indent + 1).join(" ");
    var body = value.charAt(value.length - 1) === "\n" ? value.slice(0, -1) : value;
    var lines = body.split("\n").map(function (line) { return line === "" ? "" : pad + line; });
    return "|" + hints + "\n" + lines.join("\n") + "\n";
  }

  // A scalar after « key: » or « - »; a literal block ends with its own line break.
  function scalar(value, indent, simpleKey) {
    var style = chooseStyle(value, simpleKey);
    if (style === "") return value;
    if (style === "'") return "'" + value.replace(/'/g, "''") + "'";
    if (style === "|") return literal(value, indent);
    return doubleQuoted(value);
  }

  function line(text) { return /\n$/.test(text) ? text : text + "\n"; }

  function isEmpty(value) {
    if (value === null || value === undefined) return true;
    if (typeof value === "string" || Array.isArray(value)) return value.length === 0;
    if (typeof value === "object") return Object.keys(value).length === 0;
    return false;
  }

  function sortedKeys(mapping, order) {
    var rank = function (key) { return Object.prototype.hasOwnProperty.call(order, key) ? order[key] : Infinity; };
    return Object.keys(mapping).filter(function (key) { return !isEmpty(mapping[key]); }).sort(function (a, b) {
      var ra = rank(a), rb = rank(b);
      if (ra !== rb) return ra < rb ? -1 : 1;
      return a < b ? -1 : a > b ? 1 : 0;
    });
  }

  function node(value, indent, order) {
    // Returns [inline, block]: text after « key: » / « - », or the lines below it.
    if (typeof value === "string") {
      var text = scalar(value, indent, false);
      return /\n$/.test(text) ? [" " + text, ""] : [" " + text, null];
    }
    if (Array.isArray(value)) {
      if (value.length === 0) return [" []", null];
      var pad = new Array(indent + 1).join(" ");
      return ["", value.map(function (item) {
        if (typeof item !== "string") throw new TypeError("une liste ne contient que du texte");
        return line(pad + "-" + node(item, indent + 2, order)[0]);
      }).join("")];
    }
    if (value && typeof value === "object") {
      var keys = sortedKeys(value, order);
      if (keys.length === 0) return [" {}", null];
      return ["", mapping(value, keys, indent, order)];
    }
    throw new TypeError("seul du texte est écrit");
  }

  function mapping(value, keys, indent, order) {
    var pad = new Array(indent + 1).join(" ");
    return keys.map(function (key) {
      var parts = node(value[key], indent + 2, order);
      var head = pad + scalar(key, indent, true) + ":";
      if (parts[1] === null || parts[1] === "") return line(head + parts[0]);
      return head + "\n" + parts[1];
    }).join("");
  }

  /* Texte YAML de « data » (texte, listes et dictionnaires de texte), clés dans l'ordre « order »
   * (clé → rang), valeurs vides omises : les mêmes octets que yaml_writer.dump. */
  function dump(data, order) {
    var keys = sortedKeys(data, order || {});
    if (keys.length === 0) return "{}\n";
    return mapping(data, keys, 0, order || {});
  }

  var api = { dump: dump, analyze: analyze, resolvesToString: resolvesToString };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ProposerYaml = api;
})(typeof window === "object" ? window : this);
