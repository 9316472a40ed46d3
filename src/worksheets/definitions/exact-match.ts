/**
 * Formula pieces that compare user-typed text literally.
 *
 * MATCH, COUNTIF, SUMIFS and COUNTIFS read `*`, `?` and `~` in their criterion as wildcards (and
 * the *IFS functions a leading `<`, `>` or `=` as an operator), so a unit operation named "工段*"
 * would also add the streams of "工段A". The sheets therefore compare texts with `=` (which ignores
 * upper/lower case, as the lookups do, but nothing else) inside SUMPRODUCT, or escape the wildcards
 * of a MATCH criterion with `~`. Fixed list values (categories, aspects, cost classes) need neither.
 */

/**
 * `ref` (a cell reference or text expression) as a MATCH criterion that matches its text literally:
 * `~` → `~~`, `*` → `~*`, `?` → `~?` (Excel's and LibreOffice's escape character).
 */
export function literalCriterion(ref: string): string {
  return `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ref},"~","~~"),"*","~*"),"?","~?")`;
}

/** Number of cells of `range` whose text equals `ref` (ignoring case, no wildcards): `SUMPRODUCT(--(range=ref))`. */
export function countEqual(range: string, ref: string): string {
  return `SUMPRODUCT(--(${range}=${ref}))`;
}

/**
 * The cell of `values` in the row where `keys` holds the text of `keyRef` literally (first match,
 * ignoring case, no wildcards): `INDEX(values,MATCH(literal(keyRef),keys,0))`. #N/A when absent.
 * `values` and `keys` are columns of the same table (n×1 each).
 */
export function lookupExact(values: string, keys: string, keyRef: string): string {
  return `INDEX(${values},MATCH(${literalCriterion(keyRef)},${keys},0))`;
}

/** `value` (a lookup) shown as itself, with a blank or an error (key not found) shown as "". */
export function lookupOrBlank(value: string): string {
  return `IFERROR(IF(${value}="","",${value}),"")`;
}
