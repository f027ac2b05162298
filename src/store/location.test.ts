import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isPostgresUrl, redactLocation, redactSecrets } from './location.js';
import { openStore } from './index.js';

test('isPostgresUrl: postgres:// and postgresql:// in any case; paths are not', () => {
  for (const url of ['postgres://db/news', 'postgresql://u@db/news', 'POSTGRES://db', '  postgres://db']) assert.ok(isPostgresUrl(url), url);
  for (const path of ['news.db', ':memory:', './postgres/news.db', 'postgres.db', 'file:postgres://x']) assert.ok(!isPostgresUrl(path), path);
});

test('redactLocation hides the password and keeps user, host, port and database', () => {
  assert.equal(redactLocation('postgres://ann:s3cret@db.example:5433/news'), 'postgres://ann:***@db.example:5433/news');
  assert.equal(redactLocation('postgresql://ann@db.example/news'), 'postgresql://ann@db.example/news');
  assert.equal(redactLocation('postgres://db.example/news'), 'postgres://db.example/news');
  // Unencoded '@' and '/' in the password: everything up to the last '@' is user part.
  assert.equal(redactLocation('postgres://ann:p@ss/w@rd@db/news'), 'postgres://ann:***@db/news');
  assert.equal(redactLocation('postgres://db/news?sslmode=require&password=hunter2&x=1'), 'postgres://db/news?sslmode=require&password=***&x=1');
  assert.equal(redactLocation('news.db'), 'news.db');
});

test('redactSecrets takes the password out of any message, written or URL-decoded', () => {
  const url = 'postgres://ann:pa%24%24word@db/news';
  const message = `connecting to ${url} as ann with pa$$word failed; pa%24%24word`;
  const redacted = redactSecrets(message, url);
  assert.doesNotMatch(redacted, /pa\$\$word|pa%24%24word/);
  assert.match(redacted, /postgres:\/\/ann:\*\*\*@db\/news/);
  assert.equal(redactSecrets('plain message', 'news.db'), 'plain message');
});

test('openStore: an unreachable PostgreSQL server is an error naming the database, never the password', async () => {
  // Port 1 on the loopback: nothing listens there, the connection is refused at once.
  await assert.rejects(openStore('postgres://ann:topsecret@127.0.0.1:1/news'), (err: Error) => {
    assert.match(err.message, /^cannot connect to PostgreSQL database postgres:\/\/ann:\*\*\*@127\.0\.0\.1:1\/news: .*ECONNREFUSED/);
    assert.doesNotMatch(err.message, /topsecret/);
    return true;
  });
  await assert.rejects(openStore('postgresql://ann:topsecret@127.0.0.1:notaport/news'), (err: Error) => !err.message.includes('topsecret'));
});
