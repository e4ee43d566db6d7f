from puebla.cli import main

main()
