#!/usr/bin/env node
// The VNC door of a desktop, from a script:
//   node vnc-probe.mjs HOST PORT PASSWORD [--pixel X,Y] [--keys COMBO] [--type TEXT] [--wait MS] ...
// logs in with classic VNC auth (RFB 3.8, shared, so no other viewer is pushed off), prints the
// screen size `WIDTHxHEIGHT`, then does the steps in order: --pixel prints `pixel X,Y rgb(R,G,B)`,
// --keys presses a combination such as C-A-t or Return (C = Control, A = Alt, S = Shift), --type
// types text, --wait pauses. Exits 0 on success, 1 when the password is refused, 2 otherwise.
// The DES is noVNC's (VNC's bit order), already in the repository's node_modules.
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { DESECBCipher } = await import(pathToFileURL(path.join(here, '../node_modules/@novnc/novnc/core/crypto/des.js')).href);

const KEYSYMS = { C: 0xffe3, A: 0xffe9, S: 0xffe1, Return: 0xff0d, Escape: 0xff1b, Tab: 0xff09, BackSpace: 0xff08 };
const fail = (message, code) => Object.assign(new Error(message), { code });

/** Reads exactly n bytes at a time from a socket; rejects once it closes. */
function reader(sock) {
  let buf = Buffer.alloc(0);
  let want = null;
  let closed = false;
  const pump = () => {
    if (want && buf.length >= want.n) {
      const w = want;
      want = null;
      const out = Buffer.from(buf.subarray(0, w.n));
      buf = buf.subarray(w.n);
      w.resolve(out);
    } else if (want && closed) want.reject(fail('connection closed by the VNC server', 2));
  };
  sock.on('data', (d) => {
    buf = Buffer.concat([buf, d]);
    pump();
  });
  sock.on('close', () => {
    closed = true;
    pump();
  });
  return (n) =>
    new Promise((resolve, reject) => {
      want = { n, resolve, reject };
      pump();
    });
}

/** Logs in; returns the screen size and the session's actions. */
export async function connect(host, port, password) {
  const sock = net.connect({ host, port: Number(port) });
  await new Promise((resolve, reject) => sock.once('connect', resolve).once('error', (e) => reject(fail(e.message, 2))));
  sock.on('error', () => undefined);
  const read = reader(sock);
  const version = (await read(12)).toString('latin1');
  if (!version.startsWith('RFB ')) throw fail(`not a VNC server: ${JSON.stringify(version)}`, 2);
  sock.write('RFB 003.008\n');
  const types = [...(await read((await read(1))[0]))];
  if (!types.includes(2)) throw fail(`no VNC password auth offered (security types ${types.join(',')})`, 2);
  sock.write(Buffer.from([2]));
  const challenge = await read(16);
  const key = Buffer.alloc(8);
  Buffer.from(password, 'latin1').copy(key, 0, 0, 8);
  sock.write(Buffer.from(DESECBCipher.importKey([...key]).encrypt({ name: 'DES-ECB' }, challenge)));
  if ((await read(4)).readUInt32BE(0) !== 0) throw fail('VNC password refused', 1);
  sock.write(Buffer.from([1]));
  const init = await read(24);
  const width = init.readUInt16BE(0);
  const height = init.readUInt16BE(2);
  await read(init.readUInt32BE(20));
  // 32 bpp little-endian true colour, red at bits 16-23: a raw pixel reads as B, G, R, unused. Raw encoding only.
  sock.write(Buffer.from([0, 0, 0, 0, 32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 16, 8, 0, 0, 0, 0]));
  sock.write(Buffer.from([2, 0, 0, 1, 0, 0, 0, 0]));

  const key1 = (sym, down) => {
    const m = Buffer.alloc(8);
    m.writeUInt8(4, 0);
    m.writeUInt8(down ? 1 : 0, 1);
    m.writeUInt32BE(sym, 4);
    sock.write(m);
  };
  return {
    width,
    height,
    /** The colour at (x, y): one 1x1 update, skipping bells and clipboard text. */
    async pixel(x, y) {
      const req = Buffer.alloc(10);
      req.writeUInt8(3, 0);
      req.writeUInt16BE(x, 2);
      req.writeUInt16BE(y, 4);
      req.writeUInt16BE(1, 6);
      req.writeUInt16BE(1, 8);
      sock.write(req);
      for (;;) {
        const type = (await read(1))[0];
        if (type === 2) continue;
        if (type === 3) {
          await read(3);
          await read((await read(4)).readUInt32BE(0));
          continue;
        }
        if (type !== 0) throw fail(`unexpected VNC server message ${type}`, 2);
        const rects = (await read(3)).readUInt16BE(1);
        let rgb = null;
        for (let i = 0; i < rects; i++) {
          const r = await read(12);
          if (r.readInt32BE(8) !== 0) throw fail(`unexpected encoding ${r.readInt32BE(8)}`, 2);
          const px = await read(r.readUInt16BE(4) * r.readUInt16BE(6) * 4);
          if (r.readUInt16BE(0) === x && r.readUInt16BE(2) === y) rgb = [px[2], px[1], px[0]];
        }
        if (rgb) return rgb;
      }
    },
    /** Presses a combination: modifiers (C, A, S) down, the key, then all up in reverse. */
    keys(combo) {
      const parts = combo.split('-');
      const syms = parts.map((p, i) => KEYSYMS[p] ?? (i === parts.length - 1 && p.length === 1 ? p.charCodeAt(0) : null));
      if (syms.includes(null)) throw fail(`unknown key combination ${combo}`, 2);
      for (const s of syms) key1(s, true);
      for (const s of [...syms].reverse()) key1(s, false);
    },
    /** Types printable ASCII text (the server adds Shift where a character needs it). */
    type(text) {
      for (const ch of text) {
        const code = ch.charCodeAt(0);
        if (code < 0x20 || code > 0x7e) throw fail('only printable ASCII can be typed', 2);
        key1(code, true);
        key1(code, false);
      }
    },
    close() {
      sock.destroy();
    },
  };
}

async function main(argv) {
  const [host, port, password, ...steps] = argv;
  if (!host || !port || password === undefined || steps.length % 2 !== 0) {
    console.error('usage: vnc-probe.mjs HOST PORT PASSWORD [--pixel X,Y] [--keys COMBO] [--type TEXT] [--wait MS] ...');
    return 2;
  }
  const vnc = await connect(host, port, password);
  try {
    console.log(`${vnc.width}x${vnc.height}`);
    for (let i = 0; i < steps.length; i += 2) {
      const [flag, arg] = [steps[i], steps[i + 1]];
      if (flag === '--pixel') {
        const [x, y] = arg.split(',').map(Number);
        console.log(`pixel ${x},${y} rgb(${(await vnc.pixel(x, y)).join(',')})`);
      } else if (flag === '--keys') vnc.keys(arg);
      else if (flag === '--type') vnc.type(arg);
      else if (flag === '--wait') await new Promise((r) => setTimeout(r, Number(arg)));
      else throw fail(`unknown step ${flag}`, 2);
    }
    // A pixel read last makes sure the server has taken every key before the connection closes.
    await vnc.pixel(0, 0);
    return 0;
  } finally {
    vnc.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`vnc-probe: ${err.message}`);
      process.exit(err.code ?? 2);
    },
  );
}
