// Parts for obviously fictional names: every person is 「架空」, every phone number starts 000,
// every address is in かさね町 (a town that does not exist). No real person can be matched.

export const SURNAMES = [
  '山川',
  '森野',
  '水田',
  '花村',
  '石橋',
  '竹内',
  '松葉',
  '小川',
  '大空',
  '星野',
  '風間',
  '月岡',
] as const;
export const GIVEN_NAMES = [
  'はるか',
  'たろう',
  'さくら',
  'ゆうき',
  'みのり',
  'けんた',
  'あおい',
  'そら',
  'ひなた',
  'まこと',
  'ちひろ',
  'かける',
] as const;

/** Shared strings (not one per row) keep a 100k-case registry small. */
export const PERSON_NAMES: readonly string[] = SURNAMES.flatMap((s) => GIVEN_NAMES.map((g) => `架空 ${s}${g}`));
export const BLOCKS: readonly string[] = Array.from(
  { length: 60 },
  (_, i) => `${(i % 5) + 1}丁目${Math.floor(i / 5) + 1}番地`,
);

export const STAFF = ['相談員A', '相談員B', '相談員C', '相談員D', '相談員E', '相談員F', '相談員G', '相談員H'] as const;

export const LEAD_AGENCIES = [
  'かさね町地域包括支援センター',
  'かさね町社会福祉協議会',
  'かさね町障がい者生活支援センター',
  'かさね町自立支援相談コーナー',
  'かさね町こども家庭センター',
] as const;

export const PLACEMENTS = [
  'かさね農園（架空）',
  'かさね町図書館（架空）',
  'NPO法人ひだまり（架空）',
  'かさね商店会（架空）',
  '町民プール（架空）',
  'かさね作業所（架空）',
] as const;

export const ORG_WORDS = [
  'ひまわり',
  'あおぞら',
  'こもれび',
  'せせらぎ',
  'いろどり',
  'わかば',
  'ともしび',
  'みなと',
  'かざぐるま',
  'ぬくもり',
] as const;

export const CASE_NOTES = [
  '架空のメモ：電話で状況確認',
  '架空のメモ：家族から相談あり',
  '架空のメモ：次回訪問を調整',
] as const;
export const ACTIVITY_NOTES = [
  '架空のメモ：本人と面談',
  '架空のメモ：同行して手続き',
  '架空のメモ：不在のため手紙を投函',
] as const;
