import { SqlBuilder } from './sql-builder';

describe('SqlBuilder', () => {
  it('numbers PostgreSQL placeholders across pieces and renumbers compiled fragments after them', () => {
    const q = new SqlBuilder('postgres')
      .add('SELECT 1 FROM r WHERE a = ? AND b = ?', 'x', 'y')
      .add('AND (')
      .addFragment({ sql: 'c = $1 OR d = $2 OR e = $10', params: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] })
      .add(') LIMIT ?', 5)
      .build();
    expect(q.sql).toBe('SELECT 1 FROM r WHERE a = $1 AND b = $2 AND ( c = $3 OR d = $4 OR e = $12 ) LIMIT $13');
    expect(q.params).toEqual(['x', 'y', 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 5]);
  });

  it('keeps SQLite placeholders positional and checks the parameter count', () => {
    const q = new SqlBuilder('sqlite').add('a = ?', 1).addFragment({ sql: 'b = ?', params: [2] }).build();
    expect(q).toEqual({ sql: 'a = ? b = ?', params: [1, 2] });
    expect(() => new SqlBuilder('sqlite').add('a = ? AND b = ?', 1)).toThrow('expected 2 parameters, got 1');
  });
});
