// The duplicate check of a new case (core/registry/duplicates.ts) and the folding it and every case
// search share (core/registry/fold.ts), alone: hand-written names, phones and addresses.
import { contactDigits, findDuplicates, personKeys } from '../../core/registry/duplicates';
import { foldText, idOf, searchKey } from '../../core/registry/fold';
import { isPlanBased } from '../../core/registry/plan';

describe('foldText / idOf', () => {
  test.each([
    'K-2025-0001',
    'k-2025-0001',
    'Ｋ－２０２５－０００１',
    'ｋ－２０２５－０００１',
    ' K-2025-0001 ',
    'K‐2025‐0001', // U+2010 hyphen
    'K−2025−0001', // U+2212 minus
    'K—2025—0001', // U+2014 em dash
    'Kー2025ー0001', // the long-vowel mark an IME gives for -
    'Kｰ2025ｰ0001', // its half-width form
    'K - 2025 - 0001',
  ])('%s is K-2025-0001', (typed) => {
    expect(idOf(typed)).toBe('K-2025-0001');
  });

  test('names and addresses: width, case and spaces (full-width ones too) do not count', () => {
    expect(foldText('山田　太郎')).toBe(foldText('山田太郎'));
    expect(foldText(' 山田 太郎 ')).toBe('山田太郎');
    expect(foldText('ﾔﾏﾀﾞ ﾀﾛｳ')).toBe(foldText('ヤマダタロウ'));
    expect(foldText('Ｙａｍａｄａ')).toBe(foldText('yamada'));
    expect(foldText('かさね町東１－２－３')).toBe(foldText('かさね町東1-2-3'));
    // Different letters stay different.
    expect(foldText('山田太郎')).not.toBe(foldText('山田次郎'));
    expect(foldText('やまだ')).not.toBe(foldText('ヤマダ'));
  });

  test('searchKey: a folded query matches inside one text, never across two', () => {
    const key = searchKey('K-2025-0001', '山田 太郎', '佐藤');
    expect(key.includes(foldText('ｋ－２０２５－０００１'))).toBe(true);
    expect(key.includes(foldText('山田　太'))).toBe(true);
    expect(key.includes(foldText('佐藤'))).toBe(true);
    expect(key.includes(foldText('0001山田'))).toBe(false);
    expect(searchKey('K-2025-0002', undefined, '鈴木')).toBe('K-2025-0002\n\n鈴木');
  });
});

describe('contactDigits', () => {
  test('digits only, in any width, whatever separates them', () => {
    expect(contactDigits('090-1234-5678')).toBe('9012345678');
    expect(contactDigits('09012345678')).toBe('9012345678');
    expect(contactDigits('０９０（１２３４）５６７８')).toBe('9012345678');
    expect(contactDigits('090 1234 5678 (携帯)')).toBe('9012345678');
  });
  test('a number cell that lost its leading 0 is the same phone', () => {
    expect(contactDigits(9012345678)).toBe(contactDigits('090-1234-5678'));
  });
  test('fewer than 8 digits do not count (an extension, a room number)', () => {
    expect(contactDigits('内線1234')).toBe('');
    expect(contactDigits('123-4567')).toBe('');
    expect(contactDigits('1234-5678')).toBe('12345678');
    expect(contactDigits('')).toBe('');
    expect(contactDigits(undefined)).toBe('');
    expect(contactDigits(true)).toBe('');
  });
});

describe('findDuplicates', () => {
  const existing = [
    { name: '山田太郎', contact: '0120-000-000', address: 'かさね町東1-2-3' },
    { name: '佐藤花子', contact: '09012345678', address: '' },
    { name: '鈴木一郎', contact: '', address: 'かさね町西４－５' },
    { name: '', contact: '', address: '' },
    { name: '山田　太郎', contact: 9012345678, address: undefined },
  ];

  test('「山田　太郎」 with a full-width space is the registered 「山田太郎」 (and the row typed that way)', () => {
    expect(findDuplicates({ name: '山田　太郎' }, existing)).toEqual([
      { index: 0, fields: ['name'] },
      { index: 4, fields: ['name'] },
    ]);
  });

  test('the same phone written 090-1234-5678 matches 09012345678 and a number cell', () => {
    expect(findDuplicates({ name: '別人', contact: '090-1234-5678' }, existing)).toEqual([
      { index: 1, fields: ['contact'] },
      { index: 4, fields: ['contact'] },
    ]);
  });

  test('the same address in another width matches; every matching field is named', () => {
    expect(findDuplicates({ address: 'かさね町西4-5' }, existing)).toEqual([{ index: 2, fields: ['address'] }]);
    expect(
      findDuplicates(
        { name: '山田 太郎', contact: '０１２０－０００－０００', address: 'かさね町東１－２－３' },
        existing,
      ),
    ).toEqual([
      { index: 0, fields: ['name', 'contact', 'address'] },
      { index: 4, fields: ['name'] },
    ]);
  });

  test('a different person, and a case with none of the three, match nothing', () => {
    expect(findDuplicates({ name: '田中次郎', contact: '080-9999-0000', address: 'かさね町南1' }, existing)).toEqual(
      [],
    );
    expect(findDuplicates({}, existing)).toEqual([]);
    expect(findDuplicates({ name: '  ', contact: '1234' }, existing)).toEqual([]);
  });

  test('a short number never matches another short number', () => {
    expect(findDuplicates({ contact: '内線1234' }, [{ contact: '1234' }])).toEqual([]);
  });

  test('personKeys: the forms compared', () => {
    expect(personKeys({ name: '山田　太郎', contact: '090-1234-5678', address: 'かさね町 東１－２' })).toEqual({
      name: '山田太郎',
      contact: '9012345678',
      address: 'かさね町東1-2',
    });
  });
});

test('isPlanBased: プラン作成日 on or before 実施日', () => {
  expect(isPlanBased('2025-05-01', '2025-05-01')).toBe(true);
  expect(isPlanBased('2025-04-30', '2025-05-01')).toBe(true);
  expect(isPlanBased('2025-05-02', '2025-05-01')).toBe(false);
  expect(isPlanBased(undefined, '2025-05-01')).toBe(false);
});
