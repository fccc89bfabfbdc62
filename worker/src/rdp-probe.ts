import net from 'node:net';

/**
 * An RDP client's first packet: TPKT + X.224 Connection Request with an RDP Negotiation Request
 * offering TLS and CredSSP ([MS-RDPBCGR] 2.2.1.1). Every RDP server answers it with a Connection
 * Confirm (or a negotiation failure), both TPKT packets starting with 0x03 0x00.
 */
const CONNECTION_REQUEST = Buffer.from([
  0x03,
  0x00,
  0x00,
  0x13, // TPKT: version 3, length 19
  0x0e,
  0xe0,
  0x00,
  0x00,
  0x00,
  0x00,
  0x00, // X.224 CR: length 14, CR CDT, dst-ref, src-ref, class 0
  0x01,
  0x00,
  0x08,
  0x00,
  0x03,
  0x00,
  0x00,
  0x00, // RDP_NEG_REQ: TLS | CredSSP
]);

/**
 * True when an RDP server answers at host:port: it replies to a Connection Request with a TPKT
 * packet. A TCP connection alone proves nothing here: Docker's port proxy (and a VM's port
 * forward) accepts connections before anything listens behind it.
 */
export function rdpAnswers(host: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    let got = Buffer.alloc(0);
    const socket = net.connect({ host, port });
    const done = (answered: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => socket.write(CONNECTION_REQUEST));
    socket.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (got.length >= 2) done(got[0] === 0x03 && got[1] === 0x00);
    });
    socket.once('error', () => done(false));
    socket.once('end', () => done(false));
  });
}
