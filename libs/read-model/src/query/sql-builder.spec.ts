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

  it('numbers a text added again after other parameters from where it now stands, and checks its count each time', () => {
    const text = 'x = ? AND y = ?';
    const first = new SqlBuilder('postgres').add(text, 1, 2).build();
    const again = new SqlBuilder('postgres').add('w = ?', 0).add(text, 1, 2).add(text, 3, 4).build();
    expect(first.sql).toBe('x = $1 AND y = $2');
    expect(again).toEqual({ sql: 'w = $1 x = $2 AND y = $3 x = $4 AND y = $5', params: [0, 1, 2, 3, 4] });
    expect(() => new SqlBuilder('postgres').add(text, 1)).toThrow('expected 2 parameters, got 1');
  });
});
