import { describe, expect, it } from 'vitest';
import { resolveTeam } from '../../../src-main/config/team-config';
import { parseConfig } from '../../../src-main/config/config';

const URL_A = 'postgres://earshot:pw-a@db.example.com:5432/earshot?sslmode=verify-full';
const URL_B = 'postgres://earshot:pw-b@other.example.com/earshot';
const withTeam = parseConfig(JSON.stringify({ team: { databaseUrl: URL_A, agent: 'mk' }, sources: [] }), 'c.json');

describe('which team database a seat joins', () => {
  it.each([
    ['nothing anywhere: solo', {}, undefined, {}, undefined],
    ['--team and --agent', { team: URL_B, agent: 'jo' }, undefined, {}, { databaseUrl: URL_B, agent: 'jo' }],
    ['the config file', {}, withTeam, {}, { databaseUrl: URL_A, agent: 'mk' }],
    ['--team over the config file, agent from the file', { team: URL_B }, withTeam, {}, { databaseUrl: URL_B, agent: 'mk' }],
    ['EARSHOT_DATABASE_URL with --agent', { agent: 'jo' }, undefined, { EARSHOT_DATABASE_URL: URL_B }, { databaseUrl: URL_B, agent: 'jo' }],
    ['the config file over the environment', {}, withTeam, { EARSHOT_DATABASE_URL: URL_B }, { databaseUrl: URL_A, agent: 'mk' }],
  ])('%s', (_name, args, config, env, expected) => {
    const got = resolveTeam(args, config, env);
    expect(got === undefined ? undefined : { databaseUrl: got.databaseUrl, agent: got.agent }).toEqual(expected);
  });

  it.each([
    ['a URL without an agent', { team: URL_B }, /needs this seat's agent id: add --agent ID/],
    ['an agent without a URL', { agent: 'mk' }, /--agent needs a team database: add --team URL/],
    ['a bad agent id', { team: URL_B, agent: 'm k' }, /--agent "m k": an agent id is letters/],
    ['a URL that is not postgres', { team: 'mysql://h/db', agent: 'mk' }, /must start with postgres:\/\//],
    ['a bad sslmode', { team: 'postgres://h/db?sslmode=maybe', agent: 'mk' }, /sslmode=maybe/],
  ])('refuses %s with a message saying what to fix', (_name, args, message) => {
    expect(() => resolveTeam(args, undefined, {})).toThrow(message);
  });

  it('the config file refuses a team block with a bad URL, naming the field', () => {
    expect(() => parseConfig(JSON.stringify({ team: { databaseUrl: 'db.example.com', agent: 'mk' }, sources: [] }), 'c.json')).toThrow(/c\.json: team\.databaseUrl: a postgres:\/\/ URL/);
  });
});
