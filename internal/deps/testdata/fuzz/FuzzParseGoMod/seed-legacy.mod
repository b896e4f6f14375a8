go test fuzz v1
[]byte("module github.com/oldco/worker\n\ngo 1.16\n\nrequire (\n\tgithub.com/aws/aws-sdk-go v1.44.0\n\tgithub.com/pkg/errors v0.9.1\n\tgithub.com/urfave/cli/v2 v2.3.0\n)\n")
