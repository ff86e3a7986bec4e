/**
 * An error answered in the AWS JSON protocol shape: HTTP status, `x-amzn-errortype`
 * header and `{ __type, message }` body. Subclasses are named exactly as the AWS
 * service names them, so `error.name` is the wire error type.
 */
export class AwsServiceError extends Error {
  readonly status: number = 400;
}

export class NotAuthorizedException extends AwsServiceError {
  override readonly name = 'NotAuthorizedException';
}

export class InvalidParameterException extends AwsServiceError {
  override readonly name = 'InvalidParameterException';
}

export class ResourceNotFoundException extends AwsServiceError {
  override readonly name = 'ResourceNotFoundException';
}

export class UnknownOperationException extends AwsServiceError {
  override readonly name = 'UnknownOperationException';
}

export class SerializationException extends AwsServiceError {
  override readonly name = 'SerializationException';
}

export class InternalErrorException extends AwsServiceError {
  override readonly name = 'InternalErrorException';
  override readonly status = 500;
}

/** An error whose type is known only at run time: a signature refusal, or an answer relayed from the API. */
export class NamedAwsError extends AwsServiceError {
  constructor(
    override readonly name: string,
    message: string,
  ) {
    super(message);
  }
}
