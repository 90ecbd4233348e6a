// How the fake's Block Kit checker words a problem: Slack's way, a short sentence and the JSON pointer of the value
// at fault ("must be less than 151 characters [json-pointer:/blocks/0/text/text]"). Written from Slack's Block Kit
// reference, independently of the product's own limits table, so a wrong number there cannot hide here.

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Slack counts characters (code points): an emoji is one, not two UTF-16 units. */
export function charCount(text: string): number {
  return Array.from(text).length;
}

export class BlockKitReport {
  readonly problems: string[] = [];

  add(pointer: string, message: string): void {
    this.problems.push(`${message} [json-pointer:${pointer}]`);
  }

  /** Fields Slack does not know are refused, as Slack's schema does: a typo there is a bug, not a no-op. */
  onlyKnownKeys(object: JsonObject, pointer: string, known: readonly string[]): void {
    for (const key of Object.keys(object)) {
      if (!known.includes(key)) this.add(pointer, `invalid additional property: ${key}`);
    }
  }

  /** A string field: present when required, of the right type, not longer than `max` characters. */
  string(value: unknown, pointer: string, max: number, required = false): value is string {
    if (value === undefined) {
      if (required) this.add(pointer, 'must provide a string');
      return false;
    }
    if (typeof value !== 'string') {
      this.add(pointer, 'must provide a string');
      return false;
    }
    const length = charCount(value);
    if (required && length === 0) this.add(pointer, 'must be more than 0 characters');
    if (length > max) this.add(pointer, `must be less than ${max + 1} characters`);
    return true;
  }

  /** An array field: present when required, with between `min` and `max` items. */
  array(value: unknown, pointer: string, limits: { min?: number; max: number }, required = false): unknown[] {
    if (value === undefined) {
      if (required) this.add(pointer, 'must provide an array');
      return [];
    }
    if (!Array.isArray(value)) {
      this.add(pointer, 'must provide an array');
      return [];
    }
    const min = limits.min ?? 0;
    if (value.length < min) this.add(pointer, `must provide at least ${min} items`);
    if (value.length > limits.max) this.add(pointer, `no more than ${limits.max} items allowed`);
    return value;
  }

  oneOf(value: unknown, pointer: string, allowed: readonly string[]): void {
    if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) {
      this.add(pointer, `must be one of: ${allowed.join(', ')}`);
    }
  }

  boolean(value: unknown, pointer: string): void {
    if (value !== undefined && typeof value !== 'boolean') this.add(pointer, 'must provide a boolean');
  }
}
