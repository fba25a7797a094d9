// A project's own expectation type, in the shape of the built-in ones: EAN-13 barcodes, whose
// 13th digit is a check digit (weights 1, 3, 1, 3, ... over all 13 digits give a multiple of 10).
// The predicate is SQL built through the dialect, so it joins the one fused scan of the table on
// DuckDB and on PostgreSQL alike; the kwargs schema is checked like a built-in's.
//
// The file default-exports a function of the kit Assay hands it (mapExpectation, ...), so it
// imports nothing; in TypeScript, type the parameter: (kit: import('assay').ExpectationKit).
export default ({ mapExpectation }) =>
  mapExpectation({
    type: 'expect_column_values_to_be_valid_ean13',
    description: 'Each value of a column is a valid EAN-13 barcode: 13 digits whose last is the check digit.',
    schema: {
      properties: {
        ignore_separators: { type: 'boolean', description: 'Drop spaces and dashes before checking.' },
      },
    },
    sentence: (k) => `values of ${k.column} valid EAN-13 barcodes${k.ignore_separators ? ' (spaces and dashes ignored)' : ''}`,
    unexpected: (ctx) => {
      const text = ctx.dialect.castText(ctx.col(ctx.kwargs.column));
      const v = ctx.kwargs.ignore_separators ? `replace(replace(${text}, ' ', ''), '-', '')` : text;
      const digit = (i) => `CAST(substr(${v}, ${i}, 1) AS INTEGER)`;
      const sum = Array.from({ length: 13 }, (_, i) => `${digit(i + 1)} * ${i % 2 ? 3 : 1}`).join(' + ');
      // CASE, not AND: the digits are cast only once the value is known to be 13 digits.
      return `NOT (CASE WHEN ${ctx.dialect.regexMatch(v, '^[0-9]{13}$')} THEN (${sum}) % 10 = 0 ELSE FALSE END)`;
    },
  });
