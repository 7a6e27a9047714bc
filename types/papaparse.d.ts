/**
 * The part of papaparse's API that browser code uses (parsing a string), for `src/tsconfig.json`.
 * `@types/papaparse` also types Node streams and so pulls Node's globals into every program that
 * imports it; the browser program maps `papaparse` here instead, so `src/` cannot use Node APIs
 * by accident. The root program still checks the same calls against `@types/papaparse`.
 */
export interface ParseError {
  type: 'Quotes' | 'Delimiter' | 'FieldMismatch';
  code: 'MissingQuotes' | 'UndetectableDelimiter' | 'TooFewFields' | 'TooManyFields' | 'InvalidQuotes';
  message: string;
  row?: number;
}

export interface ParseResult<T> {
  data: T[];
  errors: ParseError[];
  meta: { delimiter: string; linebreak: string; aborted: boolean; truncated: boolean; cursor: number };
}

export interface ParseStepResult<T> {
  data: T;
  errors: ParseError[];
  meta: ParseResult<T>['meta'];
}

/** The running parse, handed to `step`: `abort()` stops it after the current row. */
export interface Parser {
  abort(): void;
}

export interface ParseConfig<T> {
  delimiter?: string;
  quoteChar?: string;
  preview?: number;
  skipEmptyLines?: boolean | 'greedy';
  step?: (result: ParseStepResult<T>, parser: Parser) => void;
}

declare const Papa: {
  parse<T>(input: string, config?: ParseConfig<T>): ParseResult<T>;
};
export default Papa;
