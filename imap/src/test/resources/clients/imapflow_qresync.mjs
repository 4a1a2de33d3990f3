// Two ImapFlow clients on one INBOX, the first with `qresync: true`, driven by
// ImapFlowQresyncTest. The second changes flags and expunges; the first must hear both, the
// expunge as VANISHED (RFC 7162 §3.2.10) and the flag change with its MODSEQ.
import { ImapFlow } from 'imapflow';

const env = process.env;

function client(qresync) {
  return new ImapFlow({
    host: '127.0.0.1',
    port: Number(env.MV_PORT),
    secure: false,
    doSTARTTLS: false,
    auth: { user: env.MV_USER, pass: env.MV_PASS },
    logger: false,
    qresync,
    connectionTimeout: 10000,
    greetingTimeout: 10000,
  });
}

function print(name, value) {
  console.log(`${name}: ${value}`);
}

async function main() {
  const other = client(false);
  await other.connect();
  for (const subject of ['One', 'Two', 'Three']) {
    await other.append('INBOX', `Subject: ${subject}\r\n\r\n${subject}\r\n`);
  }

  const syncing = client(true);
  const vanished = [];
  const flags = [];
  syncing.on('expunge', (event) => {
    if (event.vanished) vanished.push(event.uid);
  });
  syncing.on('flags', (event) => {
    flags.push(`${event.uid} ${[...event.flags].sort().join(' ')} modseq=${event.modseq > 0}`);
  });
  await syncing.connect();
  const opened = await syncing.mailboxOpen('INBOX');
  print('enabled', [...syncing.enabled].sort().join(' '));
  const before = BigInt(opened.highestModseq);
  print('opened-modseq', before > 0n);

  await other.mailboxOpen('INBOX');
  await other.messageFlagsAdd('1', ['\\Flagged'], { uid: true });
  await other.messageDelete('2', { uid: true });

  const deadline = Date.now() + 10000;
  while (flags.length === 0 || vanished.length === 0) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the other session\'s changes');
    await syncing.noop();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  print('vanished', vanished.join(','));
  print('flags', flags.join(';'));
  const status = await other.status('INBOX', { highestModseq: true, messages: true });
  print('status', `messages=${status.messages} raised=${BigInt(status.highestModseq) > before}`);
  await syncing.logout();
  await other.logout();
  print('done', 'yes');
}

main().catch((err) => {
  console.log(`error: ${err.message}`);
  process.exit(1);
});
