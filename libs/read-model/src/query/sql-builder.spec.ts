import { SqlBuilder } from './sql-builder';

describe('SqlBuilder', () => {
  it('numbers PostgreSQL placeholders across pieces and compiles fragments after the taken ones', () => {
    const offsets: number[] = [];
    const q = new SqlBuilder('postgres')
      .add('SELECT 1 FROM r WHERE a = ? AND b = ?', 'x', 'y')
      .add('AND (')
      .addFragment((offset) => {
        offsets.push(offset);
        return { sql: `c = $${offset + 1} OR d = $${offset + 2}`, params: [1, 2] };
      })
      .add(') LIMIT +?', 5)
      .build();
    expect(offsets).toEqual([2]);
    expect(q.sql).toBe('SELECT 1 FROM r WHERE a = $1 AND b = $2 AND ( c = $3 OR d = $4 ) LIMIT +$5');
    expect(q.params).toEqual(['x', 'y', 1, 2, 5]);
  });

  it('keeps SQLite placeholders positional and checks the parameter count', () => {
    const q = new SqlBuilder('sqlite').add('a = ?', 1).addFragment(() => ({ sql: 'b = ?', params: [2] })).build();
    expect(q).toEqual({ sql: 'a = ? b = ?', params: [1, 2] });
    expect(() => new SqlBuilder('sqlite').add('a = ? AND b = ?', 1)).toThrow('expected 2 parameters, got 1');
  });
});
