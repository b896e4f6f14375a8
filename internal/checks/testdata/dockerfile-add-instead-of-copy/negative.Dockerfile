FROM openjdk:21-jdk
ADD https://example.com/app.jar /app.jar
ADD rootfs.tar.xz /
COPY config/ /etc/app/
