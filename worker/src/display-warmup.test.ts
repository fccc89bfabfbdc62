import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { warmDisplay } from './display-warmup.js';
import { desEncryptBlock, vncAuthResponse } from './vnc-des.js';

/** A scripted RFB 3.8 server on loopback: `script` talks to each connection. */
async function rfbServer(script: (s: net.Socket) => void): Promise<{ port: number; close: () => void }> {
  const server = net.createServer(script);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { port: (server.address() as net.AddressInfo).port, close: () => server.close() };
}

/** Reads exactly `n` bytes from a socket. */
function read(s: net.Socket, n: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const take = () => {
      const b = s.read(n) as Buffer | null;
      if (b) resolve(b);
      else s.once('readable', take);
    };
    take();
  });
}

const CHALLENGE = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const servers: { close: () => void }[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A VNC server with the password `secret12`: checks the response to its challenge, then ServerInit for a 1280×800 screen. */
const vncServer = () =>
  rfbServer(async (s) => {
    s.on('error', () => undefined);
    s.write('RFB 003.008\n');
    await read(s, 12);
    s.write(Buffer.from([1, 2]));
    if ((await read(s, 1))[0] !== 2) return s.destroy();
    s.write(CHALLENGE);
    const ok = (await read(s, 16)).equals(vncAuthResponse('secret12', CHALLENGE));
    if (!ok) {
      const why = Buffer.from('Authentication failure');
      s.end(Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from([0, 0, 0, why.length]), why]));
      return;
    }
    s.write(Buffer.from([0, 0, 0, 0]));
    await read(s, 1);
    const init = Buffer.alloc(24);
    init.writeUInt16BE(1280, 0);
    init.writeUInt16BE(800, 2);
    init.writeUInt32BE(4, 20);
    s.write(Buffer.concat([init, Buffer.from('exam')]));
  });

describe('the display warm-up (a viewer login, RFB 3.8 with VNC authentication)', () => {
  it('encrypts with DES as FIPS 46 says (the classic test vector)', () => {
    expect(desEncryptBlock(Buffer.from('133457799bbcdff1', 'hex'), Buffer.from('0123456789abcdef', 'hex')).toString('hex')).toBe('85e813540f0ab405');
  });

  it('logs in with the password and reads the screen size; a wrong password is refused with the reason', async () => {
    const server = await vncServer();
    servers.push(server);
    await expect(warmDisplay('127.0.0.1', server.port, 'secret12')).resolves.toEqual({ width: 1280, height: 800 });
    await expect(warmDisplay('127.0.0.1', server.port, 'not-it!!')).rejects.toThrow('the display refused the password: Authentication failure');
  });

  it('stops at once when the desktop goes away (aborted), and refuses a server older than RFB 3.8 by name', async () => {
    const silent = await rfbServer(() => undefined);
    const old = await rfbServer((s) => s.write('RFB 003.003\n'));
    servers.push(silent, old);
    const ended = new AbortController();
    const login = warmDisplay('127.0.0.1', silent.port, 'secret12', 60_000, ended.signal);
    ended.abort();
    await expect(login).rejects.toMatchObject({ name: 'AbortError' });
    await expect(warmDisplay('127.0.0.1', old.port, 'secret12', 5000)).rejects.toThrow('the display speaks RFB 3.3; 3.8 or later is needed');
  });

  it('gives up on a server that is not VNC, or says nothing within the time allowed', async () => {
    const http = await rfbServer((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const silent = await rfbServer(() => undefined);
    servers.push(http, silent);
    await expect(warmDisplay('127.0.0.1', http.port, 'secret12')).rejects.toThrow('not a VNC server');
    await expect(warmDisplay('127.0.0.1', silent.port, 'secret12', 200)).rejects.toThrow('did not finish its login within 200 ms');
  });
});
