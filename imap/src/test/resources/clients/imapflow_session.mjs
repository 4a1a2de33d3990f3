// A mail session with ImapFlow (npm), driven by ImapFlowClientTest.
// Reads its settings from MV_* environment variables, prints one "name: value" line per
// observation for the Java test to check and writes fetched message sources into MV_WORKDIR.
// Any protocol error rejects, is printed and makes the exit code non-zero.
import { ImapFlow } from 'imapflow';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const env = process.env;
const workdir = env.MV_WORKDIR;

function client() {
  const secure = env.MV_MODE === 'tls';
  return new ImapFlow({
    host: 'localhost',
    port: Number(env.MV_PORT),
    secure,
    doSTARTTLS: secure ? undefined : true,
    auth: { user: env.MV_USER, pass: env.MV_PASS },
    tls: { ca: [readFileSync(env.MV_CA)], servername: 'localhost' },
    logger: false,
    connectionTimeout: 10000,
    greetingTimeout: 10000,
  });
}

function print(name, value) {
  console.log(`${name}: ${value}`);
}

async function readAll(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function waitFor(condition, what) {
  const deadline = Date.now() + 10000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main() {
  const imap = client();
  await imap.connect();
  print('secure', imap.secureConnection);
  print('capabilities', [...imap.capabilities.keys()].sort().join(' '));

  const folders = await imap.list();
  print('folders', folders.map((f) => f.path).sort().join(','));
  print('sent', folders.find((f) => f.specialUse === '\\Sent')?.path);

  const lunch = readFileSync(join(workdir, 'message-1.eml'));
  const report = readFileSync(join(workdir, 'message-2.eml'));
  const first = await imap.append('INBOX', lunch, ['\\Seen'], new Date('2025-03-05T10:00:00Z'));
  const second = await imap.append('INBOX', report, []);
  print('appended', `${first.uid} ${second.uid}`);

  const status = await imap.status('INBOX', { messages: true, unseen: true, uidNext: true });
  print('status', `messages=${status.messages} unseen=${status.unseen} uidNext=${status.uidNext}`);

  const lock = await imap.getMailboxLock('INBOX');
  try {
    print('exists', imap.mailbox.exists);
    for (const uid of [first.uid, second.uid]) {
      const message = await imap.fetchOne(
        String(uid),
        { envelope: true, flags: true, bodyStructure: true, size: true, source: true, internalDate: true },
        { uid: true },
      );
      writeFileSync(join(workdir, `fetched-${uid}.eml`), message.source);
      print(`subject-${uid}`, message.envelope.subject);
      print(`from-${uid}`, message.envelope.from.map((a) => `${a.name} <${a.address}>`).join(', '));
      print(`to-${uid}`, message.envelope.to.map((a) => a.address).join(', '));
      print(`flags-${uid}`, [...message.flags].sort().join(' '));
      print(`size-${uid}`, message.size);
      print(`type-${uid}`, message.bodyStructure.type);
      print(
        `parts-${uid}`,
        (message.bodyStructure.childNodes ?? []).map((p) => `${p.part}=${p.type}`).join(' '),
      );
    }
    print('internaldate', (await imap.fetchOne(String(first.uid), { internalDate: true }, { uid: true })).internalDate.toISOString());

    const html = await imap.download(String(second.uid), '1.2', { uid: true });
    print('html', (await readAll(html.content)).toString('utf8'));
    const attachment = await imap.download(String(second.uid), '2', { uid: true });
    writeFileSync(join(workdir, 'attachment.bin'), await readAll(attachment.content));

    await imap.messageFlagsAdd(String(second.uid), ['\\Flagged', '$Work'], { uid: true });
    print('unseen', (await imap.search({ seen: false }, { uid: true })).join(' '));
    print('flagged', (await imap.search({ flagged: true }, { uid: true })).join(' '));
    print('subject-search', (await imap.search({ subject: 'quarterly' }, { uid: true })).join(' '));

    const copied = await imap.messageCopy(String(first.uid), 'Archive', { uid: true });
    print('copied', `${copied.destination} ${[...copied.uidMap.entries()].map((e) => e.join('>')).join(' ')}`);
    const moved = await imap.messageMove(String(second.uid), 'Trash', { uid: true });
    print('moved', `${moved.destination} ${[...moved.uidMap.entries()].map((e) => e.join('>')).join(' ')}`);
    print('after-move', (await imap.search({ all: true }, { uid: true })).join(' '));
    await imap.messageDelete(String(first.uid), { uid: true });
    print('after-delete', imap.mailbox.exists);
  } finally {
    lock.release();
  }

  // IDLE: a second connection appends while this one idles in INBOX.
  await imap.mailboxOpen('INBOX');
  let announced = null;
  imap.on('exists', (data) => {
    announced = data.count;
  });
  const idling = imap.idle();
  await waitFor(() => imap.idling, 'IDLE to start');
  const writer = client();
  await writer.connect();
  await writer.append('INBOX', lunch, []);
  await writer.logout();
  await waitFor(() => announced !== null, 'EXISTS during IDLE');
  print('idle-exists', announced);
  // Any command ends the IDLE (ImapFlow sends DONE first).
  await imap.noop();
  await idling;

  await imap.logout();
  print('done', 'yes');
}

main().catch((error) => {
  // ImapFlow puts the failed command and the server's answer into the error's own fields.
  const { stack, ...details } = error;
  console.error('imapflow failed:', error.message, JSON.stringify(details));
  process.exit(1);
});
