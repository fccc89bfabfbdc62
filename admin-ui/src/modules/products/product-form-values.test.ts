import { describe, expect, it } from 'vitest';
import { formIsValid, isVpsDesktop, NEW_PRODUCT, type ProductFormValues, toFormValues, toProductInput } from './product-form-values';

const form = (patch: Partial<ProductFormValues>): ProductFormValues => ({ ...NEW_PRODUCT, name: 'VPS', ...patch });

describe('product form: Linux desktop, sudo and start timeout', () => {
  it('starts as the exam kiosk with no sudo and the worker default timeout', () => {
    expect(toProductInput(form({}))).toMatchObject({ provisionAction: 'LINUX', linuxDesktop: 'KIOSK', allowSudo: false, startTimeoutSeconds: null });
  });

  it('sends a LINUX desktop with sudo and its timeout', () => {
    expect(toProductInput(form({ linuxDesktop: 'DESKTOP', allowSudo: true, startTimeoutSeconds: 300 }))).toMatchObject({
      linuxDesktop: 'DESKTOP',
      allowSudo: true,
      startTimeoutSeconds: 300,
    });
  });

  it('drops settings the chosen kind hides, so switching kind never sends one the server refuses', () => {
    // Was a Linux desktop with sudo, switched back to the kiosk: no sudo.
    expect(toProductInput(form({ linuxDesktop: 'KIOSK', allowSudo: true }))).toMatchObject({ linuxDesktop: 'KIOSK', allowSudo: false });
    // Switched to TEST: no Linux desktop, no sudo.
    expect(toProductInput(form({ provisionAction: 'TEST', linuxDesktop: 'DESKTOP', allowSudo: true }))).toMatchObject({ linuxDesktop: null, allowSudo: false });
    // WINDOWS keeps sudo (a VPS desktop) but has no Linux desktop.
    expect(toProductInput(form({ provisionAction: 'WINDOWS', linuxDesktop: 'DESKTOP', allowSudo: true }))).toMatchObject({
      linuxDesktop: null,
      allowSudo: true,
    });
  });

  it('knows which kinds are VPS desktops', () => {
    expect(isVpsDesktop({ provisionAction: 'LINUX', linuxDesktop: 'DESKTOP' })).toBe(true);
    expect(isVpsDesktop({ provisionAction: 'WINDOWS', linuxDesktop: 'KIOSK' })).toBe(true);
    expect(isVpsDesktop({ provisionAction: 'LINUX', linuxDesktop: 'KIOSK' })).toBe(false);
    expect(isVpsDesktop({ provisionAction: 'TEST', linuxDesktop: 'KIOSK' })).toBe(false);
  });

  it('refuses a start timeout outside 10..7200 seconds before submit, and accepts an empty one', () => {
    expect(formIsValid(form({ startTimeoutSeconds: 9 }))).toBe(false);
    expect(formIsValid(form({ startTimeoutSeconds: 7201 }))).toBe(false);
    expect(formIsValid(form({ startTimeoutSeconds: 10 }))).toBe(true);
    expect(formIsValid(form({ startTimeoutSeconds: '' }))).toBe(true);
  });

  it('reads a stored product back into the form (null timeout = empty)', () => {
    const v = toFormValues({
      name: 'Win',
      provisionAction: 'WINDOWS',
      linuxDesktop: 'KIOSK',
      allowSudo: true,
      startTimeoutSeconds: null,
      priceCoins: 5,
      cpus: 2,
      memoryMb: 4096,
      shmMb: 512,
      durationMinutes: 0,
      isActive: true,
      network: { restrictInternet: false, allowedDomains: [], allowedCidrs: [], allowedIps: [], strict: true },
    });
    expect(v).toMatchObject({ provisionAction: 'WINDOWS', allowSudo: true, startTimeoutSeconds: '' });
  });
});
