go test fuzz v1
[]byte("// Service module without a toolchain line.\nmodule example.com/shop/api\n\ngo 1.21.4\n\nrequire (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgithub.com/stretchr/testify v1.9.0\n\tgopkg.in/yaml.v3 v3.0.1 // indirect\n)\n\nrequire \"github.com/sirupsen/logrus\" v1.9.3\n\nreplace github.com/gin-gonic/gin => \"../gin\"\n")
