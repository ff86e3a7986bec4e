import { AwsServiceError } from '../shared/aws-errors';

export { InvalidParameterException, NotAuthorizedException, ResourceNotFoundException } from '../shared/aws-errors';

// Cognito user pool errors, named and worded as Cognito names and words them.

export class InvalidPasswordException extends AwsServiceError {
  override readonly name = 'InvalidPasswordException';
}

export class CodeMismatchException extends AwsServiceError {
  override readonly name = 'CodeMismatchException';
  constructor(message = 'Invalid verification code provided, please try again.') {
    super(message);
  }
}

export class ExpiredCodeException extends AwsServiceError {
  override readonly name = 'ExpiredCodeException';
  constructor(message = 'Invalid code provided, please request a code again.') {
    super(message);
  }
}

export class LimitExceededException extends AwsServiceError {
  override readonly name = 'LimitExceededException';
  constructor(message = 'Attempt limit exceeded, please try after some time.') {
    super(message);
  }
}

export class UsernameExistsException extends AwsServiceError {
  override readonly name = 'UsernameExistsException';
  constructor(message = 'An account with the given email already exists.') {
    super(message);
  }
}

export class UserNotFoundException extends AwsServiceError {
  override readonly name = 'UserNotFoundException';
  constructor(message = 'User does not exist.') {
    super(message);
  }
}

export class PasswordResetRequiredException extends AwsServiceError {
  override readonly name = 'PasswordResetRequiredException';
  constructor(message = 'Password reset required for the user') {
    super(message);
  }
}
