// Shared record fixtures.
import type { TaskRecord } from '../../../src/core/records/record';

export function sampleRecord(overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    id: '0123456789abcdef0123456789abcdef',
    incrementId: 3,
    title: 'Fix the parser',
    taskType: 'task',
    status: 'not-started',
    deadline: '2031-01-01T00:00:00Z',
    assignees: ['Ada Lovelace'],
    orgId: '4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f',
    baseUrl: 'https://go.tallyfy.com/api',
    createdAt: '2030-01-01T10:00:00Z',
    lastSyncedAt: '2030-01-01T10:00:00Z',
    source: { uri: 'file:///project/src/parser.ts', line: 11, reference: 'tallyfy:0123456789abcdef0123456789abcdef' },
    ...overrides,
  };
}
