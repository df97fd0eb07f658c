import pg from 'pg';
import { sqlLiteral } from './sql-literal';

describe('sqlLiteral', () => {
  it.each([
    [''],
    ['plain'],
    ["O'Brien"],
    ["''"],
    ['back\\slash'],
    ['\\'],
    ["both ' and \\ and '\\'"],
    ['{"displayName":"Say \\"hi\\"","title":"It\'s\\n"}'],
    ['unicode: Zoë 東京 🚀'],
    ['$1 and $$dollar$$ quoting'],
    [';DROP TABLE x;--'],
  ])('writes %j exactly as pg.escapeLiteral does', (value) => {
    expect(sqlLiteral(value)).toBe(pg.escapeLiteral(value));
  });

});
