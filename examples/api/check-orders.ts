// Assay as a library: a typed suite, records from memory and the bundled CSV, the gate, a
// report, and a pipeline run whose outcome is a value. Run it from a project that installed
// assay: `npx tsc && node check-orders.js` (see README, "Library API").
import { AssayError, decideGate, defineSuite, renderMarkdown, runPipeline, validate } from 'assay';

const suite = defineSuite({
  name: 'orders',
  expectations: [
    { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'order_id' } },
    { type: 'expect_column_values_to_be_between', kwargs: { column: 'amount', min_value: 0, max_value: 1000 } },
    // A misspelt kwarg ({ colum: 'status' }) or type would not compile.
    { type: 'expect_column_values_to_be_in_set', kwargs: { column: 'status', value_set: ['placed', 'shipped'] }, severity: 'warning' },
  ],
});

const records = [
  { order_id: 1, amount: 25.5, status: 'placed' },
  { order_id: 2, amount: 1200, status: 'lost' },
];

const fromRecords = await validate(records, suite);
const gate = decideGate(fromRecords);
console.log(
  `records: ${fromRecords.statistics.successful_expectations}/${fromRecords.statistics.evaluated_expectations} passed; gate ${gate.open ? 'open' : 'closed'}`,
);
for (const reason of gate.reasons) console.log(`  ${reason}`);

const fromFile = await validate('node_modules/assay/examples/orders/orders.csv', 'node_modules/assay/examples/orders/orders.suite.yml');
console.log(`orders.csv: ${fromFile.success ? 'all passed' : `${fromFile.statistics.unsuccessful_expectations} failed`}`);
console.log((await renderMarkdown(fromFile)).split('\n')[0]);

try {
  await validate('missing.csv', suite);
} catch (err) {
  if (err instanceof AssayError) console.log(`${err.name} (${err.code}): ${err.message}`);
}

const outcome = await runPipeline('does-not-exist.pipeline.yml');
if (outcome.status === 'error') console.log(`pipeline: ${outcome.error instanceof AssayError ? outcome.error.code : 'bug'}`);
