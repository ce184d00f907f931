/** Item lists read from CSV, for every door that takes CSV (the CLI's `--input`, the API's `text/csv` body). */
export { columnRef, nearestField } from './column-name';
export { checkNestedColumns, csvColumns, itemOfCells, knownColumns } from './csv-columns';
export type { CsvColumn } from './csv-columns';
export { itemFields, parseCsvItems, readCsvItems } from './csv-items';
export type { CsvItems, CsvReading } from './csv-items';
export { columnsText, csvLocator, distinctIssues, missingColumn } from './csv-locate';
export type { CsvOrigin } from './csv-locate';
export { chooseItemsField, coerceText, hasType, inputJsonSchema, itemArrayFields } from './input-schema';
export type { ItemsFieldWords, JsonSchema } from './input-schema';
