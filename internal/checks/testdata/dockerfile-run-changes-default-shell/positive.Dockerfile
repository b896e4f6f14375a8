FROM debian:12
# want
RUN ln -sfv /bin/bash /bin/sh
# want
RUN powershell -command Install-Module Foo
# want
RUN echo "dash dash/sh boolean false" | debconf-set-selections && dpkg-reconfigure dash
