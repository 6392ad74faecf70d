import { describe, expect, it } from 'vitest';
import { LogCapture } from '../../test/support/log-capture';
import { createLogger, secretForms } from './logger';

describe('logger', () => {
  it('masks every form of the password, whatever puts it in a line, and redacts credential headers', () => {
    const password = 'p@ss/word "x"';
    const stream = new LogCapture();
    const log = createLogger({ level: 'info', secrets: secretForms('me', password), stream });
    const basic = Buffer.from(`me:${password}`).toString('base64');
    log.info(`connecting with ${password}`);
    log.info({ url: `https://api.example/?password=${encodeURIComponent(password)}` }, 'url');
    log.info({ req: { headers: { authorization: `Basic ${basic}`, cookie: 'sid=1' } } }, 'req');
    log.error({ err: new Error(`bad ${password}`) }, 'failed');
    for (const form of secretForms('me', password)) expect(stream.text).not.toContain(form);
    expect(stream.text).not.toContain('sid=1');
    expect(stream.text).toContain('***');
  });
});
