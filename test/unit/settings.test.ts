import assert from 'node:assert/strict';
import { SettingDefaults } from '../../src/core/contract';
import { parseSetting, settingKeys } from '../../src/core/settings';

describe('settings', () => {
  it('gives the default for every unset key', () => {
    for (const key of settingKeys) {
      assert.deepEqual(parseSetting(key, undefined).value, SettingDefaults[key]);
    }
  });

  it('keeps a valid value', () => {
    assert.equal(parseSetting('writeBack', 'end').value, 'end');
    assert.equal(parseSetting('defaultDeadlineDays', 14).value, 14);
    assert.deepEqual(parseSetting('todoKeywords', ['NOTE']).value, ['NOTE']);
    assert.deepEqual(parseSetting('todoKeywords', []).value, []);
  });

  const invalid: [Parameters<typeof parseSetting>[0], unknown][] = [
    ['writeBack', 'inline'],
    ['defaultDeadlineDays', -1],
    ['defaultDeadlineDays', 2.5],
    ['defaultDeadlineDays', '7'],
    ['todoKeywords', 'TODO'],
    ['todoKeywords', ['TODO', '']],
    ['createOpens', 'panel'],
    ['requestTimeoutSeconds', 0],
    ['codeLens', 'yes'],
    ['apiBaseUrl', ''],
  ];
  for (const [key, raw] of invalid) {
    it(`falls back to the default for ${key} = ${JSON.stringify(raw)} and says so`, () => {
      const result = parseSetting(key, raw);
      assert.deepEqual(result.value, SettingDefaults[key]);
      assert.equal(result.problem?.key, key);
      assert.ok(result.problem?.message);
    });
  }
});
