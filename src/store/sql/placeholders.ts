// better-sqlite3's placeholders (`?`, and `@name`/`:name`/`$name` bound from an object) as Postgres's `$1, $2, …`.
// Quoted text, quoted names and comments are copied as they are, and `::type` casts are not names.

export interface Translated {
  text: string;
  /** For named placeholders, the name each `$n` takes its value from; empty for positional ones. */
  names: readonly string[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

export function translatePlaceholders(source: string): Translated {
  let text = '';
  let positional = 0;
  const names: string[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    const quoted = char === "'" || char === '"';
    if (quoted) {
      const end = source.indexOf(char, i + 1);
      const stop = end === -1 ? source.length : end + 1;
      text += source.slice(i, stop);
      i = stop;
    } else if (char === '-' && source[i + 1] === '-') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      text += source.slice(i, stop);
      i = stop;
    } else if (char === ':' && source[i + 1] === ':') {
      text += '::';
      i += 2;
    } else if (char === '?') {
      positional += 1;
      text += `$${positional}`;
      i += 1;
    } else if ((char === '@' || char === ':' || char === '$') && NAME_START.test(source[i + 1] ?? '')) {
      let end = i + 2;
      while (end < source.length && NAME_PART.test(source[end]!)) end += 1;
      const name = source.slice(i + 1, end);
      let index = names.indexOf(name);
      if (index === -1) index = names.push(name) - 1;
      text += `$${index + 1}`;
      i = end;
    } else {
      text += char;
      i += 1;
    }
  }
  if (positional > 0 && names.length > 0) throw new Error('A statement mixes ? and named placeholders');
  return { text, names };
}
