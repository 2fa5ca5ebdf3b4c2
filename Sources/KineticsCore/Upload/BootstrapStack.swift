import Foundation

/// The small CloudFormation stack that owns a region's artifact bucket: `kinetics-bootstrap-<region>`.
///
/// The bucket is private (every public access block on, objects owned by the bucket owner), encrypted (SSE-S3 with
/// a bucket key), versioned, only reachable over TLS (a bucket policy denies plain HTTP), and has a lifecycle rule
/// for old artifacts: objects under `artifacts/` expire after `ArtifactRetentionDays` (a stack parameter, 365 by
/// default; each run re-uploads an artifact it still needs and finds gone), their noncurrent versions 30 days
/// later, and unfinished multipart uploads after 7 days. The bucket is retained if the stack is deleted, so
/// deployed stacks never lose the code they point at.
public enum BootstrapStack {
    /// Bumped whenever the template changes; the stack reports it as the `TemplateVersion` output.
    public static let templateVersion = "1"

    /// `kinetics-bootstrap-<region>`.
    public static func stackName(region: String) -> String { "kinetics-bootstrap-\(region)" }

    /// The output that names the bucket.
    public static let bucketOutput = "BucketName"

    /// The template, as deterministic JSON.
    public static let template: String = #"""
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Description": "kinetics-tui artifact bucket: private, encrypted, versioned; old artifacts expire.",
  "Parameters": {
    "ArtifactRetentionDays": {
      "Type": "Number",
      "Default": 365,
      "MinValue": 1,
      "Description": "Days after which an artifact zip expires (it is uploaded again when still needed)."
    }
  },
  "Resources": {
    "ArtifactBucket": {
      "Type": "AWS::S3::Bucket",
      "DeletionPolicy": "Retain",
      "UpdateReplacePolicy": "Retain",
      "Properties": {
        "BucketEncryption": {
          "ServerSideEncryptionConfiguration": [
            {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": true}
          ]
        },
        "VersioningConfiguration": {"Status": "Enabled"},
        "PublicAccessBlockConfiguration": {
          "BlockPublicAcls": true,
          "BlockPublicPolicy": true,
          "IgnorePublicAcls": true,
          "RestrictPublicBuckets": true
        },
        "OwnershipControls": {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
        "LifecycleConfiguration": {
          "Rules": [
            {
              "Id": "expire-old-artifacts",
              "Status": "Enabled",
              "Prefix": "artifacts/",
              "ExpirationInDays": {"Ref": "ArtifactRetentionDays"},
              "NoncurrentVersionExpiration": {"NoncurrentDays": 30},
              "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}
            }
          ]
        },
        "Tags": [{"Key": "kinetics-tui:purpose", "Value": "artifacts"}]
      }
    },
    "ArtifactBucketPolicy": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {
        "Bucket": {"Ref": "ArtifactBucket"},
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Sid": "DenyInsecureTransport",
              "Effect": "Deny",
              "Principal": "*",
              "Action": "s3:*",
              "Resource": [
                {"Fn::GetAtt": ["ArtifactBucket", "Arn"]},
                {"Fn::Join": ["", [{"Fn::GetAtt": ["ArtifactBucket", "Arn"]}, "/*"]]}
              ],
              "Condition": {"Bool": {"aws:SecureTransport": "false"}}
            }
          ]
        }
      }
    }
  },
  "Outputs": {
    "BucketName": {"Description": "The artifact bucket.", "Value": {"Ref": "ArtifactBucket"}},
    "TemplateVersion": {"Description": "The version of kinetics-tui's bootstrap template.", "Value": "1"}
  }
}
"""#
}
