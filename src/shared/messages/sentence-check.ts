/**
 * Compile-time proof that a table of sentences matches the catalogue: every
 * code has a sentence, and each sentence names exactly its parameters
 * (`{host}`; `{timeoutMs}`), no more and no fewer. A sentence that forgets a
 * value, or names one the code does not carry, fails the type check.
 */

/** The placeholder names in a sentence: "Port {port} on {host}" → "port" | "host". */
export type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * For each code, the sentence itself when its placeholders are exactly the
 * parameter names, else a string literal type that explains the mismatch (so
 * the error message in the editor says what is wrong).
 */
export type CheckedSentences<Params, Table extends Record<keyof Params, string>> = {
  [K in keyof Params]: Same<Placeholders<Table[K]>, keyof Params[K] & string> extends true
    ? Table[K]
    : `placeholders must be exactly: ${keyof Params[K] & string}`;
};
