export { fromAttributeMap, toAttributeMap, type AttributeMap, type AttributeValue } from './attribute-value';
export { canonicalDecimal, compareAttributeValues, compareBytes, compareDecimals, compareUtf8, compareValues } from './comparison';
export { ResolverCodeError, type ResolverError } from './control-flow';
export {
  createDynamoDbDataSource,
  type DataSourceAnswer,
  type DataSourceTables,
  type DynamoDbDataSource,
  type KeySchema,
  type PageCursors,
  type TableDefinition,
  type TableStorage,
  withDynamoDbRequestId,
} from './dynamodb-data-source';
export { ksuid, ulid, uuid } from './ids';
export { loadResolverCode, type ResolverCode } from './load-code';
export { createMemoryTables } from './memory-tables';
export {
  runResolver,
  type DataSourceCall,
  type JsFunction,
  type JsResolver,
  type PipelineContext,
  type ResolverInput,
  type ResolverOutcome,
  type TemplateAnswer,
  type TemplateHandlers,
} from './run-resolver';
export { formatEpochMillis, parseToEpochMillis, TimeFormatError } from './time-format';
export { InvalidAttributeValueError, toAttributeValue } from './attribute-value';
export { FilterObjectError, toDynamoDBExpression, type DynamoDBExpression } from './filter-to-expression';
export { SubscriptionFilterError, toSubscriptionFilter, type SubscriptionFilter, type SubscriptionFilterCondition } from './subscription-filter';
