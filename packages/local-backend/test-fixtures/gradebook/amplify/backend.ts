import { defineBackend } from '@aws-amplify/backend';
import { CfnResolver } from 'aws-cdk-lib/aws-appsync';
import { auth } from './auth/resource';
import { data } from './data/resource';

const backend = defineBackend({ auth, data });
backend.auth.resources.cfnResources.cfnUserPool.adminCreateUserConfig = { allowAdminCreateUserOnly: true };

// A custom query resolved by VTL of our own, through Gen 2's escape hatch: a unit resolver on
// the Course table's data source, a Scan counted in its response template.
const courses = backend.data.resources.tables['Course'];
if (!courses) throw new Error('no Course table');
const scan = backend.data.addDynamoDbDataSource('CourseScan', courses);
const resolver = backend.stack.node.root.node
  .findAll()
  .find((construct): construct is CfnResolver => construct instanceof CfnResolver && construct.typeName === 'Query' && construct.fieldName === 'countCourses');
if (!resolver) throw new Error('no resolver for Query.countCourses');
resolver.kind = 'UNIT';
resolver.runtime = undefined;
resolver.code = undefined;
resolver.pipelineConfig = undefined;
resolver.dataSourceName = scan.name;
resolver.requestMappingTemplate = '{ "version": "2018-05-29", "operation": "Scan", "limit": 1000 }';
resolver.responseMappingTemplate = '#if( $ctx.error )\n  $util.error($ctx.error.message, $ctx.error.type)\n#end\n$util.toJson({ "total": $ctx.result.items.size() })';
resolver.addResourceDependency(scan.ds);
