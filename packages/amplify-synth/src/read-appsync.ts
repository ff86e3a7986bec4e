import type { CloudAssembly } from './cloud-assembly';
import { createCfnValues, type CfnValues } from './cfn-values';

/** What AppSync runs for the API, as deployed from the assembly. */
export interface AppSyncDefinition {
  resolvers: AppSyncResolver[];
  dataSources: AppSyncDataSource[];
  tables: DynamoDbTable[];
  settings: GraphqlApiSettings;
}

export interface AppSyncResolver {
  typeName: string;
  fieldName: string;
  kind: 'UNIT' | 'PIPELINE';
  runtime: 'APPSYNC_JS' | 'VTL';
  /** The APPSYNC_JS code (resolvers in VTL have mapping templates instead). */
  code: string | undefined;
  /** VTL: the request and response mapping templates (a PIPELINE's before and after templates). */
  requestMappingTemplate: string | undefined;
  responseMappingTemplate: string | undefined;
  /** PIPELINE: its functions in order. */
  functions: AppSyncFunction[];
  /** UNIT: its data source. */
  dataSourceName: string | undefined;
}

export interface AppSyncFunction {
  name: string;
  runtime: 'APPSYNC_JS' | 'VTL';
  code: string | undefined;
  requestMappingTemplate: string | undefined;
  responseMappingTemplate: string | undefined;
  dataSourceName: string;
}

export interface AppSyncDataSource {
  name: string;
  type: string;
  /** AMAZON_DYNAMODB: the table it reads and writes. */
  tableName: string | undefined;
}

export interface KeySchema {
  partitionKey: string;
  sortKey: string | undefined;
}

export interface DynamoDbTable extends KeySchema {
  tableName: string;
  indexes: (KeySchema & { name: string })[];
}

export interface GraphqlApiSettings {
  /** AppSync's query depth limit; undefined (or 0) means none. */
  queryDepthLimit: number | undefined;
  /** Resolver invocations allowed per request; AppSync's default and maximum is 10,000. */
  resolverCountLimit: number | undefined;
  introspection: 'ENABLED' | 'DISABLED';
  /** `ctx.env` of every resolver. */
  environmentVariables: Record<string, string>;
}

type Raw = Record<string, unknown>;

function keySchemaOf(raw: unknown): KeySchema {
  const keys = (Array.isArray(raw) ? raw : []) as Raw[];
  const named = (type: string) => {
    const key = keys.find((entry) => (entry['keyType'] ?? entry['KeyType']) === type);
    return key ? String(key['attributeName'] ?? key['AttributeName']) : undefined;
  };
  const partitionKey = named('HASH');
  if (!partitionKey) throw new Error(`a table key schema without a HASH key: ${JSON.stringify(raw)}`);
  return { partitionKey, sortKey: named('RANGE') };
}

function runtimeOf(properties: Raw): 'APPSYNC_JS' | 'VTL' {
  return (properties['Runtime'] as Raw | undefined)?.['Name'] === 'APPSYNC_JS' ? 'APPSYNC_JS' : 'VTL';
}

function codeOf(assembly: CloudAssembly, values: CfnValues, templateFile: string, properties: Raw): string | undefined {
  if (runtimeOf(properties) !== 'APPSYNC_JS') return undefined;
  if (properties['CodeS3Location'] !== undefined) return assembly.readAsset(properties['CodeS3Location']);
  const code = values.evaluate(templateFile, properties['Code']);
  return typeof code === 'string' ? code : undefined;
}

/** A VTL mapping template, inline (often an `Fn::Join` with the table name and role ARNs) or an S3 asset. */
function templateOf(assembly: CloudAssembly, values: CfnValues, templateFile: string, properties: Raw, which: 'Request' | 'Response'): string | undefined {
  if (runtimeOf(properties) !== 'VTL') return undefined;
  const location = properties[`${which}MappingTemplateS3Location`];
  if (location !== undefined) return assembly.readAsset(location);
  const inline = properties[`${which}MappingTemplate`];
  if (inline === undefined) return undefined;
  const text = values.evaluate(templateFile, inline);
  return typeof text === 'string' ? text : undefined;
}

export function readAppSync(assembly: CloudAssembly): AppSyncDefinition {
  const values = createCfnValues(assembly.dir, assembly.templates);
  const text = (templateFile: string, value: unknown) => String(values.evaluate(templateFile, value));

  const functionOf = (handle: unknown): AppSyncFunction => {
    const fn = values.resourceFor(handle);
    if (!fn || fn.type !== 'AWS::AppSync::FunctionConfiguration') throw new Error(`a pipeline names ${String(handle)}, which is no AppSync function`);
    return {
      name: text(fn.templateFile, fn.properties['Name']),
      runtime: runtimeOf(fn.properties),
      code: codeOf(assembly, values, fn.templateFile, fn.properties),
      requestMappingTemplate: templateOf(assembly, values, fn.templateFile, fn.properties, 'Request'),
      responseMappingTemplate: templateOf(assembly, values, fn.templateFile, fn.properties, 'Response'),
      dataSourceName: text(fn.templateFile, fn.properties['DataSourceName']),
    };
  };

  const resolvers = assembly.resourcesOfType('AWS::AppSync::Resolver').map(({ templateFile, properties }): AppSyncResolver => {
    const kind = properties['Kind'] === 'PIPELINE' ? 'PIPELINE' : 'UNIT';
    const pipeline = values.evaluate(templateFile, (properties['PipelineConfig'] as Raw | undefined)?.['Functions'] ?? []) as unknown[];
    return {
      typeName: text(templateFile, properties['TypeName']),
      fieldName: text(templateFile, properties['FieldName']),
      kind,
      runtime: runtimeOf(properties),
      code: codeOf(assembly, values, templateFile, properties),
      requestMappingTemplate: templateOf(assembly, values, templateFile, properties, 'Request'),
      responseMappingTemplate: templateOf(assembly, values, templateFile, properties, 'Response'),
      functions: kind === 'PIPELINE' ? pipeline.map(functionOf) : [],
      dataSourceName: properties['DataSourceName'] === undefined ? undefined : text(templateFile, properties['DataSourceName']),
    };
  });

  const dataSources = assembly.resourcesOfType('AWS::AppSync::DataSource').map(({ templateFile, properties }): AppSyncDataSource => {
    const table = (properties['DynamoDBConfig'] as Raw | undefined)?.['TableName'];
    return {
      name: text(templateFile, properties['Name']),
      type: text(templateFile, properties['Type']),
      tableName: table === undefined ? undefined : text(templateFile, table),
    };
  });

  const tables = [...assembly.resourcesOfType('Custom::AmplifyDynamoDBTable'), ...assembly.resourcesOfType('AWS::DynamoDB::Table')].map(
    ({ templateFile, properties }): DynamoDbTable => {
      const indexes = (properties['globalSecondaryIndexes'] ?? properties['GlobalSecondaryIndexes'] ?? []) as Raw[];
      return {
        tableName: text(templateFile, properties['tableName'] ?? properties['TableName']),
        ...keySchemaOf(properties['keySchema'] ?? properties['KeySchema']),
        indexes: indexes.map((index) => ({ name: String(index['indexName'] ?? index['IndexName']), ...keySchemaOf(index['keySchema'] ?? index['KeySchema']) })),
      };
    },
  );

  const [api] = assembly.resourcesOfType('AWS::AppSync::GraphQLApi');
  const apiProperties = api?.properties ?? {};
  const limit = (name: string) => {
    const value = apiProperties[name];
    return typeof value === 'number' ? value : undefined;
  };
  const environment = api ? (values.evaluate(api.templateFile, apiProperties['EnvironmentVariables'] ?? {}) as Record<string, unknown>) : {};
  return {
    resolvers,
    dataSources,
    tables,
    settings: {
      queryDepthLimit: limit('QueryDepthLimit'),
      resolverCountLimit: limit('ResolverCountLimit'),
      introspection: apiProperties['IntrospectionConfig'] === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      environmentVariables: Object.fromEntries(Object.entries(environment).map(([name, value]) => [name, String(value)])),
    },
  };
}

