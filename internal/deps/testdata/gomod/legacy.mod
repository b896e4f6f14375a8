module github.com/oldco/worker

go 1.16

require (
	github.com/aws/aws-sdk-go v1.44.0
	github.com/pkg/errors v0.9.1
	github.com/urfave/cli/v2 v2.3.0
)
