/**
 * The few protobuf messages of an Anki package (media map, package meta, note type and template
 * config blobs) read and written by hand: varints, length-delimited fields, nothing else. Pure.
 */

/** One field of a message: its number and either a varint (as a number) or raw bytes. */
export type ProtoField = { field: number; varint: number; bytes?: undefined } | { field: number; bytes: Uint8Array; varint?: undefined };

/** The fields of a message in order; throws on truncated or unsupported wire types. */
export function decodeMessage(buf: Uint8Array): ProtoField[] {
  const out: ProtoField[] = [];
  let at = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (at >= buf.length) throw new Error('truncated protobuf varint');
      const b = buf[at++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 128;
    }
    throw new Error('protobuf varint too long');
  };
  while (at < buf.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key & 7;
    if (wire === 0) out.push({ field, varint: varint() });
    else if (wire === 2) {
      const len = varint();
      if (at + len > buf.length) throw new Error('truncated protobuf field');
      out.push({ field, bytes: buf.subarray(at, at + len) });
      at += len;
    } else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
  return out;
}

const decoder = new TextDecoder();

/** The first varint of `field`, or `fallback`. */
export function varintField(msg: ProtoField[], field: number, fallback = 0): number {
  for (const f of msg) if (f.field === field && f.varint !== undefined) return f.varint;
  return fallback;
}

/** The first string of `field`, or ''. */
export function stringField(msg: ProtoField[], field: number): string {
  for (const f of msg) if (f.field === field && f.bytes) return decoder.decode(f.bytes);
  return '';
}

/** Builds a message from fields in order (numbers are written as varints, strings as UTF-8). */
export function encodeMessage(fields: [number, number | string | Uint8Array][]): Uint8Array {
  const parts: number[] = [];
  const varint = (n: number) => {
    let v = n;
    while (v >= 128) {
      parts.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    parts.push(v);
  };
  const encoder = new TextEncoder();
  for (const [field, value] of fields) {
    if (typeof value === 'number') {
      varint(field * 8);
      varint(value);
    } else {
      const bytes = typeof value === 'string' ? encoder.encode(value) : value;
      varint(field * 8 + 2);
      varint(bytes.length);
      for (const b of bytes) parts.push(b);
    }
  }
  return Uint8Array.from(parts);
}
