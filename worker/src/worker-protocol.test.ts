import { describe, expect, it } from 'vitest';
import { isCreateSessionCommand, isStopContainerCommand, isStopSessionCommand, parseWorkerCommand } from '../../schema/worker-protocol.js';

const SESSION = '4b3a2f7e-8c1d-4e5f-9a0b-1c2d3e4f5a6b';

const create = (payload: Record<string, unknown> = {}) => ({
  id: 'c1',
  kind: 'CREATE_SESSION',
  sessionId: SESSION,
  attempts: 1,
  payload: {
    sessionId: SESSION,
    provisionAction: 'TEST',
    image: null,
    cpus: 0.5,
    memoryMb: 256,
    shmMb: 64,
    browserUrl: null,
    username: 'desktop',
    network: null,
    ...payload,
  },
});
const stop = (payload: Record<string, unknown> = {}) => ({
  id: 'c2',
  kind: 'STOP_SESSION',
  sessionId: SESSION,
  attempts: 2,
  payload: { sessionId: SESSION, workerRoute: 'quack_4b3a2f7e', ...payload },
});
const orphan = (payload: Record<string, unknown> = {}) => ({
  id: 'c3',
  kind: 'STOP_CONTAINER',
  sessionId: null,
  attempts: 1,
  payload: { name: 'quack_deadbeef', sessionId: null, ...payload },
});

function problemsOf(x: unknown): string[] {
  const r = parseWorkerCommand(x);
  if (r.ok) throw new Error('expected the command to be refused');
  return r.problems;
}

describe('worker protocol: commands checked at the worker edge', () => {
  it('accepts each well-formed command kind and keeps its payload typed by kind', () => {
    const r = parseWorkerCommand(create({ registryAuth: { serverAddress: 'registry.local', username: 'u', password: 'p' } }));
    expect(r.ok).toBe(true);
    if (r.ok && r.command.kind === 'CREATE_SESSION') expect(r.command.payload.cpus).toBe(0.5);
    expect(isCreateSessionCommand(create())).toBe(true);
    expect(isStopSessionCommand(stop())).toBe(true);
    expect(isStopSessionCommand(stop({ workerRoute: null }))).toBe(true);
    expect(isStopContainerCommand(orphan())).toBe(true);
    expect(isStopSessionCommand(create())).toBe(false);
  });

  it('refuses an unknown kind, naming it', () => {
    expect(problemsOf({ ...stop(), kind: 'FORMAT_DISK' })).toEqual([
      'command.kind must be one of CREATE_SESSION, STOP_SESSION, STOP_CONTAINER, got "FORMAT_DISK"',
    ]);
  });

  it('refuses a create without a session id or with the wrong types, naming every field', () => {
    const problems = problemsOf(create({ sessionId: undefined, cpus: '2', memoryMb: 0, provisionAction: 'MAC' }));
    expect(problems).toEqual([
      'payload.sessionId must be a non-empty string, got nothing',
      'payload.provisionAction must be one of LINUX, WINDOWS, TEST, got "MAC"',
      'payload.cpus must be a number > 0, got "2"',
      'payload.memoryMb must be an integer ≥ 1, got 0',
    ]);
  });

  it('refuses a malformed network policy or registry login', () => {
    expect(problemsOf(create({ network: { allowedDomains: [] } }))).toEqual([
      'payload.network must be an object with a boolean restrictInternet, got a value of type object',
    ]);
    expect(problemsOf(create({ registryAuth: { username: 'u' } }))).toEqual(['payload.registryAuth must be a registry login, got a value of type object']);
  });

  it('refuses a stop whose container name is not a string', () => {
    expect(problemsOf(stop({ workerRoute: 42 }))).toEqual(['payload.workerRoute must be a non-empty string or null, got 42']);
    expect(problemsOf(orphan({ name: '' }))).toEqual(['payload.name must be a non-empty string, got ""']);
  });

  it('refuses what is not a command at all, and a command without a payload object', () => {
    expect(problemsOf(null)).toEqual(['command must be an object, got null']);
    expect(problemsOf('CREATE_SESSION')).toEqual(['command must be an object, got "CREATE_SESSION"']);
    expect(problemsOf({ ...stop(), payload: [] })).toEqual(['command.payload must be an object, got an array']);
    const r = parseWorkerCommand({ ...stop(), id: undefined, attempts: -1 });
    expect(r).toEqual({
      ok: false,
      id: null,
      problems: ['command.id must be a non-empty string, got nothing', 'command.attempts must be an integer ≥ 0, got -1'],
    });
  });
});
