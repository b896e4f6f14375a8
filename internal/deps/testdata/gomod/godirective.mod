// Service module without a toolchain line.
module example.com/shop/api

go 1.21.4

require (
	github.com/gin-gonic/gin v1.9.1
	github.com/stretchr/testify v1.9.0
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

require "github.com/sirupsen/logrus" v1.9.3

replace github.com/gin-gonic/gin => "../gin"
