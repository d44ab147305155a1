// The bundles' sizes held to ceilings, so a change that bloats start-up (or a part, or duplicates code
// between bundles) fails here rather than in every user's window. `npm run bench` prints the same figures.
import assert from 'node:assert/strict';
import { measureBundles, type BundleSizes } from '../bench/bundles';

const KB = 1024;
/** What start-up may load: the composition root, the session and status bar, the records, command and view registrations. */
const STARTUP_CEILING = 150 * KB;
/** What each part's first use may load beyond start-up (the TODO comments' part, loaded first, included). */
const FIRST_USE_CEILINGS: Readonly<Record<string, number>> = {
  todos: 70 * KB,
  account: 40 * KB,
  form: 130 * KB,
  review: 150 * KB,
  tasks: 170 * KB,
  assigned: 60 * KB,
  // Edit checks a save with the update schema and reads the picker's searches (72.6 KB with Edit).
  details: 80 * KB,
};
/** The split's cost: its bundles together against one bundle of the same code. */
const SPLIT_OVERHEAD = 1.1;
// details.js holds the task form's controls and live validation (zod's schemas) for Edit: 82.6 KB with it.
const OTHER_CEILINGS = { 'indexWorker.js': 4 * KB, 'webview.js': 120 * KB, 'review.js': 80 * KB, 'details.js': 90 * KB } as const;

describe('bundle sizes', function () {
  this.timeout(120_000);
  let sizes: BundleSizes;
  before(async () => {
    sizes = await measureBundles();
  });

  it(`loads at most ${STARTUP_CEILING / KB} KB at start-up`, () => {
    assert.ok(sizes.startup.bytes <= STARTUP_CEILING, `start-up loads ${sizes.startup.bytes} bytes: ${sizes.startup.files.join(', ')}`);
  });

  it('keeps each part within its ceiling, and every part has one', () => {
    assert.deepEqual(sizes.parts.map((p) => p.name).sort(), Object.keys(FIRST_USE_CEILINGS).sort());
    for (const part of sizes.parts) {
      assert.ok(part.firstUse <= FIRST_USE_CEILINGS[part.name]!, `the ${part.name} part's first use loads ${part.firstUse} bytes`);
    }
  });

  it('holds each module once: the bundles together weigh at most 10 % more than one bundle', () => {
    assert.deepEqual(sizes.duplicated, []);
    assert.ok(sizes.total <= sizes.single * SPLIT_OVERHEAD, `${sizes.total} bytes in bundles against ${sizes.single} in one`);
  });

  it('keeps the worker and the pages within their ceilings', () => {
    for (const [file, ceiling] of Object.entries(OTHER_CEILINGS)) {
      const bytes = sizes.others[file as keyof typeof OTHER_CEILINGS];
      assert.ok(bytes <= ceiling, `${file}: ${bytes} bytes`);
    }
  });
});
