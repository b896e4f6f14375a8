package sample

import _ "example.com/vuln/bad"
