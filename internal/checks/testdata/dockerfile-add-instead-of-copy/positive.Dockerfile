FROM openjdk:21-jdk
ARG JAR_FILE
# want
ADD ${JAR_FILE} app.jar
# want
ADD config/ app.zip /etc/app/
