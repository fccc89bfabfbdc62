import type { Page } from 'playwright-core';

/** One Content-Security-Policy violation a page reported. */
export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
}

/**
 * Starts collecting the page's CSP violations — `securitypolicyviolation` events and the console
 * messages Chromium writes when it refuses something — into the returned array, which fills as
 * the page runs. Call it before `page.goto`. A test asserts the array is empty once the page has
 * done its work: `expect(violations).toEqual([])`.
 */
export async function collectCspViolations(page: Page): Promise<CspViolation[]> {
  const violations: CspViolation[] = [];
  await page.exposeBinding('__vdiReportCspViolation', (_source, v: CspViolation) => {
    violations.push(v);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __vdiReportCspViolation: (v: unknown) => void }).__vdiReportCspViolation;
      void report({ directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}` });
    });
  });
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy/i.test(text)) violations.push({ directive: 'console', blocked: text, source: msg.location().url });
  });
  return violations;
}
